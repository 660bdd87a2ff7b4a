// The DuckDB side of bench/lake_vs_duckdb.sh: adlake's CSV-to-gold work
// (docs/CONTRACT.md sections 1-3) in SQL, writing its layers as Parquet.
//   node bench/duckdb/lake.mjs RAW OUT [--threads 2] [--history]
// Reads the six entities' CSV files under RAW, writes OUT/{bronze,silver,gold}/
// *.parquet and OUT/aggregates.json (gold's aggregate tables, for the
// comparison with gold.h5), and prints the seconds of each layer and the rules
// it does not apply the contract's way. --history adds gold's history features
// (CONTRACT 3.1, v2) when the adlake being compared writes them.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const [raw, out] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--threads'));
if (!raw || !out) {
  console.error('usage: node lake.mjs RAW OUT [--threads N] [--history]');
  process.exit(2);
}
const threads = Number(option('--threads', '2'));
const history = args.includes('--history');

// CONTRACT 1: the entities and their columns.
const ENTITIES = {
  requests: ['id_md5', 'ts', 'user_id', 'app_id', 'device_type', 'os', 'ip'],
  impressions: ['id_md5', 'ts', 'campaign_id', 'slot', 'win_price'],
  clicks: ['id_md5', 'ts', 'is_install'],
  user_profiles: ['user_id', 'age', 'gender', 'state', 'interest', 'updated_at'],
  campaigns: ['campaign_id', 'advertiser', 'campaign_type', 'category', 'bid'],
  app_metadata: ['app_id', 'app_name', 'genre', 'rating'],
};

// RAW/<entity>/*.csv sorted by name, or RAW/<entity>.csv.
function entityFiles(entity) {
  const dir = path.join(raw, entity);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(dir, f));
  }
  const single = dir + '.csv';
  if (fs.existsSync(single)) return [single];
  throw new Error(`no ${dir}/*.csv nor ${single}`);
}

// A file's header, matched the contract's way (BOM, trim, case folding, any
// order, extra columns ignored): the position of each contract column and the
// field count. DuckDB's header detection would not fold case or trim names.
function headerOf(file) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(4096);
  const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
  fs.closeSync(fd);
  let line = buffer.subarray(0, n).toString('utf8').split('\n')[0];
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  return line.split(',').map((name) => name.replace(/^[ \t\r"]+|[ \t\r"]+$/g, '').toLowerCase());
}

const sql = (s) => `'${s.replaceAll("'", "''")}'`;

// One SELECT per header layout. DuckDB's CSV reader lets a quoted field span
// lines and does not know `"ab"c`, so it only splits lines (refusing invalid
// UTF-8: its reject tables are the `invalid_encoding` lines) and the fields are
// split here by the contract's rules (2.2, 2.5): a field is quoted only if it
// starts with `"`, bytes after the closing quote are kept, and a line whose
// fields do not add up to it has an unterminated quote.
function bronzeSelect(entity) {
  const layouts = new Map();
  for (const file of entityFiles(entity)) {
    const names = headerOf(file);
    const key = names.join(',');
    if (!layouts.has(key)) layouts.set(key, { names, files: [] });
    layouts.get(key).files.push(file);
  }
  const selects = [];
  for (const { names, files } of layouts.values()) {
    const pick = ENTITIES[entity].map((c) => {
      const i = names.indexOf(c);
      if (i < 0) throw new Error(`${files[0]}: no column ${c}`);
      return `unquote(f[${i + 1}]) AS ${c}`;
    });
    selects.push(`SELECT _file, line, ${pick.join(', ')}, CASE
        WHEN contains(line, '"') AND list_sum(list_transform(f, x -> strlen(x))) + len(f) <> strlen(line) + 1
        THEN 'unterminated_quote' WHEN len(f) <> ${names.length} THEN 'field_count'
        WHEN list_max(list_transform(f, x -> strlen(unquote(x)))) > 4096 THEN 'field_too_long' END AS reason
      FROM (SELECT _file, line, CASE WHEN contains(line, '"')
          THEN regexp_extract_all(',' || line, ',("(?:[^"]|"")*"[^,]*|[^,"][^,]*|)', 1)
          ELSE string_split(line, ',') END AS f
        FROM (SELECT filename AS _file, rtrim(line, chr(13)) AS line FROM read_csv(
          [${files.map(sql).join(', ')}], header = false, skip = 1, delim = chr(1), quote = '',
          escape = '', auto_detect = false, columns = {'line': 'VARCHAR'},
          filename = true, ignore_errors = true, store_rejects = true))
        WHERE tr(rtrim(line, chr(13))) <> '')`);
  }
  return selects.join(' UNION ALL ');
}

const STATES = ['AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID',
  'IL', 'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE',
  'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA',
  'VT', 'WA', 'WI', 'WV', 'WY'];
const STATE_NAMES = ['Alaska', 'Alabama', 'Arkansas', 'Arizona', 'California', 'Colorado',
  'Connecticut', 'District of Columbia', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Iowa',
  'Idaho', 'Illinois', 'Indiana', 'Kansas', 'Kentucky', 'Louisiana', 'Massachusetts', 'Maryland',
  'Maine', 'Michigan', 'Minnesota', 'Missouri', 'Mississippi', 'Montana', 'North Carolina',
  'North Dakota', 'Nebraska', 'New Hampshire', 'New Jersey', 'New Mexico', 'Nevada', 'New York',
  'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota',
  'Tennessee', 'Texas', 'Utah', 'Virginia', 'Vermont', 'Washington', 'Wisconsin', 'West Virginia',
  'Wyoming'];
const CATEGORIES = ['gaming', 'finance', 'shopping', 'travel', 'sports', 'news', 'social', 'health',
  'food', 'education'];
const list = (values) => values.map(sql).join(', ');

// CONTRACT 2.1 as macros over a trimmed value v.
const MACROS = `
CREATE MACRO tr(v) AS trim(v, ' ' || chr(9));
CREATE MACRO unquote(x) AS CASE WHEN x[1] = '"' THEN replace(regexp_extract(x, '^"((?:[^"]|"")*)"', 1), '""', '"')
  || regexp_extract(x, '^"(?:[^"]|"")*"(.*)$', 1) ELSE coalesce(x, '') END;
CREATE MACRO low(v) AS lower(tr(v));
CREATE MACRO valid_id(v) AS regexp_full_match(low(v), '[0-9a-f]{32}');
CREATE MACRO iso_ts(v) AS CASE
  WHEN NOT regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?') THEN NULL
  WHEN try_cast(substr(v, 1, 10) AS DATE) IS NULL OR try_cast(substr(v, 12, 2) AS INT) > 23
    OR try_cast(substr(v, 15, 2) AS INT) > 59 OR try_cast(substr(v, 18, 2) AS INT) > 59 THEN NULL
  ELSE (substr(v, 1, 10)::DATE - DATE '1970-01-01')::BIGINT * 86400
    + substr(v, 12, 2)::BIGINT * 3600 + substr(v, 15, 2)::BIGINT * 60 + substr(v, 18, 2)::BIGINT
    - coalesce(CASE WHEN regexp_matches(v, '[+-][0-9]{2}:[0-9]{2}$')
        AND try_cast(right(v, 5)[1:2] AS INT) <= 23 AND try_cast(right(v, 2) AS INT) <= 59
      THEN (CASE WHEN right(v, 6)[1] = '-' THEN -1 ELSE 1 END)
        * (right(v, 5)[1:2]::BIGINT * 3600 + right(v, 2)::BIGINT * 60) END,
      CASE WHEN regexp_matches(v, '[+-][0-9]{2}:[0-9]{2}$') THEN NULL ELSE 0 END)
  END;
CREATE MACRO any_ts(v) AS CASE
  WHEN regexp_full_match(v, '[0-9]{1,11}') THEN v::BIGINT
  WHEN regexp_full_match(v, '[0-9]{13}') THEN v::BIGINT // 1000
  ELSE iso_ts(v) END;
CREATE MACRO ts(v) AS CASE WHEN any_ts(tr(v)) >= 946684800 AND any_ts(tr(v)) < 4102444800
  THEN any_ts(tr(v)) END;
CREATE MACRO key_ok(v) AS strlen(tr(v)) BETWEEN 1 AND 64;
CREATE MACRO device(v) AS CASE
  WHEN low(v) IN ('phone', 'tablet', 'desktop', 'ctv') THEN low(v)
  WHEN low(v) IN ('mobile', 'smartphone') THEN 'phone'
  WHEN low(v) IN ('pc', 'computer') THEN 'desktop'
  WHEN low(v) IN ('tv', 'smart_tv', 'connected_tv') THEN 'ctv' ELSE 'unknown' END;
CREATE MACRO os_of(v) AS CASE
  WHEN low(v) IN ('android', 'ios', 'windows', 'macos', 'linux') THEN low(v)
  WHEN low(v) = 'iphone os' THEN 'ios'
  WHEN low(v) IN ('mac', 'osx', 'mac os x') THEN 'macos'
  WHEN low(v) IN ('win', 'win10', 'windows 10') THEN 'windows'
  WHEN low(v) = '' THEN 'unknown' ELSE 'other' END;
CREATE MACRO ip_prefix(v) AS CASE
  WHEN regexp_full_match(tr(v), '[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}')
    AND list_max(list_transform(string_split(tr(v), '.'), x -> try_cast(x AS INT))) <= 255
  THEN string_split(tr(v), '.')[1]::INT || '.' || string_split(tr(v), '.')[2]::INT || '.'
    || string_split(tr(v), '.')[3]::INT || '.0/24'
  ELSE 'unknown' END;
CREATE MACRO gender(v) AS CASE WHEN low(v) IN ('m', 'male', 'man') THEN 'M'
  WHEN low(v) IN ('f', 'female', 'woman') THEN 'F' ELSE 'U' END;
CREATE MACRO state_of(v) AS CASE
  WHEN upper(tr(v)) IN (${list(STATES)}) THEN upper(tr(v))
  ELSE coalesce(map_from_entries([${STATE_NAMES.map((n, i) => `(${sql(n.toLowerCase())}, ${sql(STATES[i])})`).join(', ')}])
    [regexp_replace(low(v), ' +', ' ', 'g')], 'UNK') END;
CREATE MACRO category_of(v) AS CASE WHEN low(v) IN (${list(CATEGORIES)}) THEN low(v) ELSE 'unknown' END;
CREATE MACRO campaign_type(v) AS CASE WHEN upper(tr(v)) IN ('CPC', 'CPI', 'CPM') THEN upper(tr(v)) END;
CREATE MACRO signed_num(v) AS regexp_full_match(tr(v), '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)');
CREATE MACRO num(v) AS try_cast(tr(v) AS DECIMAL(38, 10));
CREATE MACRO age_of(v) AS CASE WHEN signed_num(v) AND num(v) = floor(num(v))
  AND num(v) BETWEEN 13 AND 100 THEN num(v)::SMALLINT ELSE -1 END;
CREATE MACRO age_bucket(a) AS CASE WHEN a < 0 THEN 'unknown' WHEN a <= 17 THEN '13-17'
  WHEN a <= 24 THEN '18-24' WHEN a <= 34 THEN '25-34' WHEN a <= 44 THEN '35-44'
  WHEN a <= 54 THEN '45-54' WHEN a <= 64 THEN '55-64' ELSE '65+' END;
CREATE MACRO rating_of(v) AS CASE WHEN signed_num(v) AND try_cast(tr(v) AS DOUBLE) BETWEEN 0 AND 5
  AND num(v) <= 5 THEN abs(try_cast(tr(v) AS DOUBLE)) ELSE 0.0 END;
CREATE MACRO micros(v) AS CASE WHEN regexp_full_match(tr(v), '[0-9]+(\\.[0-9]+)?')
  AND strlen(ltrim(split_part(tr(v), '.', 1), '0')) <= 3
  THEN split_part(tr(v), '.', 1)::BIGINT * 1000000
    + rpad(split_part(tr(v), '.', 2)[1:6], 6, '0')::BIGINT
    + (split_part(tr(v), '.', 2)[7:7] >= '5')::BIGINT END;
CREATE MACRO slot_of(v) AS CASE WHEN regexp_full_match(tr(v), '0*[0-9]') THEN try_cast(tr(v) AS TINYINT) ELSE -1 END;
CREATE MACRO installed(v) AS (low(v) IN ('1', 'true', 'yes', 'y', 't'))::UTINYINT;
CREATE MACRO text128(v) AS CASE WHEN tr(v) = '' THEN 'unknown' WHEN strlen(tr(v)) <= 128 THEN tr(v)
  ELSE left(tr(v), list_max(list_filter(range(1, 129), k -> strlen(left(tr(v), k)) <= 128))) END;
CREATE MACRO hex_value(h) AS list_reduce(list_transform(string_split(h, ''),
  c -> instr('0123456789abcdef', c)::BIGINT - 1), (a, b) -> a * 16 + b);
`;

// The rules the SQL below does not apply the contract's way (printed).
const SKIPPED = [
  'bronze: no _line column (DuckDB\'s reader gives no line numbers); invalid UTF-8 lines are ' +
    'in DuckDB\'s reject table (its own columns), not a per-entity rejects table',
  'dedup ties: broken by DuckDB\'s row order instead of (file, line); tied rows are equal in every ' +
    'ordered column, so the kept values are the same',
  'text case folding: lower()/upper() are Unicode, the contract folds ASCII only',
  'silver rejects: written with entity, file and reason, not the row\'s values',
];

async function main() {
  for (const layer of ['bronze', 'silver', 'gold']) fs.mkdirSync(path.join(out, layer), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const db = await instance.connect();
  const run = (q) => db.run(q);
  const rows = async (q) => (await db.runAndReadAll(q)).getRowObjectsJson();
  const copy = (table, layer) =>
    run(`COPY ${table} TO ${sql(path.join(out, layer, table + '.parquet'))} (FORMAT parquet)`);
  const seconds = {};
  let clock = performance.now();
  const lap = (name) => {
    const now = performance.now();
    seconds[name] = (now - clock) / 1000;
    clock = now;
  };

  await run(MACROS);
  // Bronze: the raw values, unquoted, untrimmed; malformed lines in its rejects.
  for (const entity of Object.keys(ENTITIES)) {
    await run(`CREATE TABLE read_${entity} AS ${bronzeSelect(entity)}`);
    await run(`CREATE TABLE ${entity} AS SELECT _file, ${ENTITIES[entity].join(', ')}
      FROM read_${entity} WHERE reason IS NULL`);
    await run(`CREATE TABLE rejects_${entity} AS SELECT _file, reason, line AS raw
      FROM read_${entity} WHERE reason IS NOT NULL`);
    await run(`DROP TABLE read_${entity}`);
    await copy(entity, 'bronze');
    await copy(`rejects_${entity}`, 'bronze');
  }
  await run(`CREATE TABLE invalid_encoding AS SELECT * FROM reject_errors`);
  await copy('invalid_encoding', 'bronze');
  lap('bronze');

  // Silver 2.1: cleaned values and the reason of the first failing column.
  await run(`CREATE TABLE v_requests AS SELECT *, CASE WHEN NOT valid_id(id_md5) THEN 'invalid_id'
      WHEN c_ts IS NULL THEN 'invalid_timestamp' WHEN strlen(tr(user_id)) > 64 OR strlen(tr(app_id)) > 64
      THEN 'invalid_id' END AS reason FROM (SELECT _file, id_md5 AS b_id, ts AS b_ts, user_id AS b_user,
      app_id AS b_app, device_type AS b_device, os AS b_os, low(id_md5) AS id_md5_c, ts(ts) AS c_ts,
      CASE WHEN tr(user_id) = '' THEN 'unknown' ELSE tr(user_id) END AS c_user,
      CASE WHEN tr(app_id) = '' THEN 'unknown' ELSE tr(app_id) END AS c_app,
      device(device_type) AS c_device, os_of(os) AS c_os, ip_prefix(ip) AS c_ip,
      id_md5, user_id, app_id FROM requests)`);
  await run(`CREATE TABLE v_impressions AS SELECT _file, id_md5, ts, campaign_id, slot, win_price,
      low(id_md5) AS c_id, ts(ts) AS c_ts, tr(campaign_id) AS c_campaign, slot_of(slot) AS c_slot,
      micros(win_price) AS c_price, CASE WHEN NOT valid_id(id_md5) THEN 'invalid_id'
      WHEN ts(ts) IS NULL THEN 'invalid_timestamp' WHEN NOT key_ok(campaign_id) THEN 'missing_key'
      WHEN micros(win_price) IS NULL THEN 'invalid_number' END AS reason FROM impressions`);
  await run(`CREATE TABLE v_clicks AS SELECT _file, id_md5, ts, is_install, low(id_md5) AS c_id,
      ts(ts) AS c_ts, installed(is_install) AS c_install, CASE WHEN NOT valid_id(id_md5) THEN 'invalid_id'
      WHEN ts(ts) IS NULL THEN 'invalid_timestamp' END AS reason FROM clicks`);
  await run(`CREATE TABLE v_users AS SELECT _file, user_id, age, gender, state, interest, updated_at,
      tr(user_id) AS c_user, age_of(age) AS c_age, gender(gender) AS c_gender, state_of(state) AS c_state,
      category_of(interest) AS c_interest, ts(updated_at) AS c_updated,
      CASE WHEN NOT key_ok(user_id) THEN 'missing_key' WHEN ts(updated_at) IS NULL
      THEN 'invalid_timestamp' END AS reason FROM user_profiles`);
  await run(`CREATE TABLE v_campaigns AS SELECT _file, campaign_id, advertiser, campaign_type, category, bid,
      tr(campaign_id) AS c_campaign, text128(advertiser) AS c_advertiser,
      campaign_type(campaign_type) AS c_type, category_of(category) AS c_category, micros(bid) AS c_bid,
      CASE WHEN NOT key_ok(campaign_id) THEN 'missing_key' WHEN campaign_type(campaign_type) IS NULL
      THEN 'invalid_campaign_type' WHEN micros(bid) IS NULL THEN 'invalid_number' END AS reason
      FROM campaigns`);
  await run(`CREATE TABLE v_apps AS SELECT _file, app_id, app_name, genre, rating, tr(app_id) AS c_app,
      text128(app_name) AS c_name, category_of(genre) AS c_genre, rating_of(rating) AS c_rating,
      CASE WHEN NOT key_ok(app_id) THEN 'missing_key' END AS reason FROM app_metadata`);

  // 2.3 step 2: dedup, first in the contract's order.
  await run(`CREATE TABLE k_requests AS SELECT * FROM v_requests WHERE reason IS NULL
      QUALIFY row_number() OVER (PARTITION BY id_md5_c ORDER BY c_ts, c_user, c_app, c_device, c_os, c_ip) = 1`);
  await run(`CREATE TABLE d_impressions AS SELECT * FROM v_impressions WHERE reason IS NULL
      QUALIFY row_number() OVER (PARTITION BY c_id ORDER BY c_ts, c_campaign, c_slot, c_price) = 1`);
  await run(`CREATE TABLE users AS SELECT c_user AS user_id, c_age AS age, age_bucket(c_age) AS age_bucket,
      c_gender AS gender, c_state AS user_state, c_interest AS interest, c_updated AS updated_at
      FROM v_users WHERE reason IS NULL QUALIFY row_number() OVER (PARTITION BY c_user
      ORDER BY c_updated DESC, c_age, c_gender, c_state, c_interest) = 1 ORDER BY user_id`);
  await run(`CREATE TABLE campaigns_dim AS SELECT c_campaign AS campaign_id, c_advertiser AS advertiser,
      c_type AS campaign_type, c_category AS category, c_bid AS bid_micros FROM v_campaigns
      WHERE reason IS NULL QUALIFY row_number() OVER (PARTITION BY c_campaign
      ORDER BY c_advertiser, c_type, c_category, c_bid) = 1 ORDER BY campaign_id`);
  await run(`CREATE TABLE apps AS SELECT c_app AS app_id, c_name AS app_name, c_genre AS genre,
      c_rating AS app_rating FROM v_apps WHERE reason IS NULL QUALIFY row_number() OVER
      (PARTITION BY c_app ORDER BY c_name, c_genre, c_rating) = 1 ORDER BY app_id`);

  // 2.3 step 3: referential checks; step 4: click groups.
  await run(`CREATE TABLE r_impressions AS SELECT d.*, CASE WHEN r.id_md5_c IS NULL THEN 'orphan_impression'
      WHEN c.campaign_id IS NULL THEN 'unknown_campaign' END AS ref_reason
      FROM d_impressions d LEFT JOIN k_requests r ON r.id_md5_c = d.c_id
      LEFT JOIN campaigns_dim c ON c.campaign_id = d.c_campaign`);
  await run(`CREATE TABLE r_clicks AS SELECT k.*, CASE WHEN i.c_id IS NULL THEN 'orphan_click'
      WHEN k.c_ts < i.c_ts OR k.c_ts > i.c_ts + 86400 THEN 'click_out_of_window' END AS ref_reason
      FROM v_clicks k LEFT JOIN (SELECT c_id, c_ts FROM r_impressions WHERE ref_reason IS NULL) i
      ON i.c_id = k.c_id WHERE k.reason IS NULL`);
  await run(`CREATE TABLE click_groups AS SELECT c_id, min(c_ts) AS click_ts, count(*)::INT AS n_clicks_raw,
      max(c_install) AS is_install FROM r_clicks WHERE ref_reason IS NULL GROUP BY c_id`);

  // 2.4: the fact, one row per kept request, ascending by id_md5.
  await run(`CREATE TABLE fact_ad_funnel AS SELECT r.id_md5_c AS id_md5, r.c_ts AS ts, r.c_user AS user_id,
      r.c_app AS app_id, r.c_device AS device_type, r.c_os AS os, r.c_ip AS ip_prefix,
      coalesce(u.age, -1)::SMALLINT AS age, coalesce(u.age_bucket, 'unknown') AS age_bucket,
      coalesce(u.gender, 'U') AS gender, coalesce(u.user_state, 'UNK') AS user_state,
      coalesce(u.interest, 'unknown') AS interest, coalesce(a.genre, 'unknown') AS genre,
      coalesce(a.app_rating, 0.0) AS app_rating, (i.c_id IS NOT NULL)::UTINYINT AS has_impression,
      coalesce(i.c_ts, -1) AS imp_ts, coalesce(i.c_campaign, '') AS campaign_id,
      coalesce(i.c_slot, -1)::TINYINT AS slot, coalesce(i.c_price, 0) AS win_price_micros,
      coalesce(c.campaign_type, 'none') AS campaign_type, coalesce(c.category, 'none') AS category,
      coalesce(c.bid_micros, 0) AS bid_micros, (g.c_id IS NOT NULL)::UTINYINT AS is_click,
      coalesce(g.click_ts, -1) AS click_ts, coalesce(g.n_clicks_raw, 0) AS n_clicks_raw,
      coalesce(g.is_install, 0)::UTINYINT AS is_install,
      CASE c.campaign_type WHEN 'CPC' THEN CASE WHEN g.c_id IS NOT NULL THEN c.bid_micros ELSE 0 END
        WHEN 'CPI' THEN CASE WHEN g.is_install = 1 THEN c.bid_micros ELSE 0 END
        WHEN 'CPM' THEN c.bid_micros // 1000 ELSE 0 END AS revenue_micros
    FROM k_requests r LEFT JOIN users u ON u.user_id = r.c_user LEFT JOIN apps a ON a.app_id = r.c_app
    LEFT JOIN (SELECT * FROM r_impressions WHERE ref_reason IS NULL) i ON i.c_id = r.id_md5_c
    LEFT JOIN campaigns_dim c ON c.campaign_id = i.c_campaign
    LEFT JOIN click_groups g ON g.c_id = r.id_md5_c ORDER BY id_md5`);
  // The silver rejects: 2.1 failures, then the referential ones.
  await run(`CREATE TABLE silver_rejects AS
      SELECT 'requests' AS entity, _file, reason FROM v_requests WHERE reason IS NOT NULL
      UNION ALL SELECT 'impressions', _file, reason FROM v_impressions WHERE reason IS NOT NULL
      UNION ALL SELECT 'impressions', _file, ref_reason FROM r_impressions WHERE ref_reason IS NOT NULL
      UNION ALL SELECT 'clicks', _file, reason FROM v_clicks WHERE reason IS NOT NULL
      UNION ALL SELECT 'clicks', _file, ref_reason FROM r_clicks WHERE ref_reason IS NOT NULL
      UNION ALL SELECT 'user_profiles', _file, reason FROM v_users WHERE reason IS NOT NULL
      UNION ALL SELECT 'campaigns', _file, reason FROM v_campaigns WHERE reason IS NOT NULL
      UNION ALL SELECT 'app_metadata', _file, reason FROM v_apps WHERE reason IS NOT NULL`);
  await run('ALTER TABLE campaigns_dim RENAME TO campaigns_silver');
  for (const t of ['fact_ad_funnel', 'users', 'campaigns_silver', 'apps', 'silver_rejects']) await copy(t, 'silver');
  lap('silver');

  // Gold 3.1: the features.
  const hist = history ? historySql() : { columns: '', joins: '' };
  await run(`CREATE TABLE base AS SELECT id_md5, is_click, CASE WHEN hex_value(id_md5[25:32]) % 10 IN (0, 1)
      THEN 'test' ELSE 'train' END AS split, hex_value(id_md5[17:24]) % 5 AS fold,
      (imp_ts % 86400 // 3600)::UTINYINT AS hour_of_day, ((imp_ts // 86400 + 3) % 7)::UTINYINT AS day_of_week,
      (interest = category AND interest NOT IN ('unknown', 'none'))::UTINYINT AS is_affinity_match,
      (genre = category AND genre NOT IN ('unknown', 'none'))::UTINYINT AS is_contextual_match,
      age, age_bucket, gender, user_state, interest, device_type, os, genre, app_rating, campaign_type,
      category, slot, bid_micros, user_id, campaign_id, app_id
      FROM fact_ad_funnel WHERE has_impression = 1`);
  await run(`CREATE TABLE features AS SELECT b.id_md5, b.split, b.is_click, b.hour_of_day, b.day_of_week,
      b.is_affinity_match, b.is_contextual_match, b.age, b.age_bucket, b.gender, b.user_state, b.interest,
      b.device_type, b.os, b.genre, b.app_rating, b.campaign_type, b.category, b.slot, b.bid_micros
      ${hist.columns} FROM base b ${hist.joins} ORDER BY b.id_md5`);
  await copy('features', 'gold');
  // 3.2: the aggregates.
  const AGG = {
    revenue_by_state: `SELECT user_state, count(*) AS requests, sum(has_impression)::BIGINT AS impressions,
      sum(is_click)::BIGINT AS clicks, sum(is_install)::BIGINT AS installs, sum(revenue_micros)::BIGINT AS revenue_micros,
      CASE WHEN sum(has_impression) = 0 THEN 0 ELSE sum(is_click) / sum(has_impression) END AS ctr,
      CASE WHEN sum(has_impression) = 0 THEN 0 ELSE sum(revenue_micros) * 1000 / sum(has_impression) END AS ecpm_micros
      FROM fact_ad_funnel GROUP BY user_state ORDER BY user_state`,
    campaign_type_performance: `SELECT campaign_type, count(DISTINCT campaign_id) AS campaigns, count(*) AS impressions,
      sum(is_click)::BIGINT AS clicks, sum(is_install)::BIGINT AS installs, sum(revenue_micros)::BIGINT AS revenue_micros,
      sum(win_price_micros)::BIGINT AS spend_micros, sum(is_click) / count(*) AS ctr,
      CASE WHEN sum(is_click) = 0 THEN 0 ELSE sum(is_install) / sum(is_click) END AS cvr,
      sum(revenue_micros) * 1000 / count(*) AS ecpm_micros
      FROM fact_ad_funnel WHERE has_impression = 1 GROUP BY campaign_type ORDER BY campaign_type`,
    affinity_performance: `SELECT (interest = category AND interest NOT IN ('unknown', 'none'))::UTINYINT AS is_affinity_match,
      count(*) AS impressions, sum(is_click)::BIGINT AS clicks, sum(is_click) / count(*) AS ctr
      FROM fact_ad_funnel WHERE has_impression = 1 GROUP BY ALL ORDER BY 1`,
    advertiser_performance: `SELECT c.advertiser, count(DISTINCT f.campaign_id) AS campaigns, count(*) AS impressions,
      sum(is_click)::BIGINT AS clicks, sum(is_install)::BIGINT AS installs, sum(revenue_micros)::BIGINT AS revenue_micros,
      sum(win_price_micros)::BIGINT AS spend_micros, sum(is_click) / count(*) AS ctr
      FROM fact_ad_funnel f JOIN campaigns_silver c USING (campaign_id) WHERE has_impression = 1
      GROUP BY c.advertiser ORDER BY c.advertiser`,
    hourly_performance: `SELECT (imp_ts % 86400 // 3600)::UTINYINT AS hour_of_day, count(*) AS impressions,
      sum(is_click)::BIGINT AS clicks, sum(is_click) / count(*) AS ctr, sum(revenue_micros)::BIGINT AS revenue_micros
      FROM fact_ad_funnel WHERE has_impression = 1 GROUP BY ALL ORDER BY 1`,
    funnel_summary: `SELECT count(*) AS requests, sum(has_impression)::BIGINT AS impressions, sum(is_click)::BIGINT AS clicks,
      sum(is_install)::BIGINT AS installs, sum(revenue_micros)::BIGINT AS revenue_micros,
      sum(has_impression) / count(*) AS fill_rate,
      CASE WHEN sum(has_impression) = 0 THEN 0 ELSE sum(is_click) / sum(has_impression) END AS ctr,
      CASE WHEN sum(is_click) = 0 THEN 0 ELSE sum(is_install) / sum(is_click) END AS cvr FROM fact_ad_funnel`,
  };
  for (const [name, query] of Object.entries(AGG)) {
    await run(`CREATE TABLE ${name} AS ${query}`);
    await copy(name, 'gold');
  }
  lap('gold');

  const aggregates = {};
  for (const name of Object.keys(AGG)) aggregates[name] = await rows(`SELECT * FROM ${name}`);
  aggregates.features = (await rows(`SELECT count(*) AS rows, sum(is_click) AS clicks,
      sum((split = 'test')::INT) AS test FROM features`))[0];
  fs.writeFileSync(path.join(out, 'aggregates.json'), JSON.stringify(aggregates));
  const counts = (await rows(`SELECT (SELECT count(*) FROM invalid_encoding) AS invalid_encoding,
      (SELECT count(*) FROM silver_rejects) AS silver_rejects, (SELECT count(*) FROM fact_ad_funnel) AS fact`))[0];
  console.log(JSON.stringify({ seconds, threads, history, ...counts, skipped: SKIPPED }));
}

// CONTRACT 3.1 (v2): out-of-fold click counts of the user, campaign and app.
function historySql() {
  let columns = '';
  let joins = `CROSS JOIN (SELECT count(*) FILTER (split = 'train') AS n, sum(is_click) FILTER (split = 'train') AS c
      FROM base) t LEFT JOIN (SELECT fold, count(*) AS n, sum(is_click) AS c FROM base WHERE split = 'train'
      GROUP BY fold) tf ON b.split = 'train' AND tf.fold = b.fold`;
  for (const [k, key] of [['user', 'user_id'], ['campaign', 'campaign_id'], ['app', 'app_id']]) {
    joins += ` LEFT JOIN (SELECT ${key}, count(*) AS n, sum(is_click) AS c FROM base WHERE split = 'train'
      GROUP BY ${key}) ${k}_all ON ${k}_all.${key} = b.${key}
      LEFT JOIN (SELECT ${key}, fold, count(*) AS n, sum(is_click) AS c FROM base WHERE split = 'train'
      GROUP BY ${key}, fold) ${k}_fold ON b.split = 'train' AND ${k}_fold.${key} = b.${key} AND ${k}_fold.fold = b.fold`;
    const n = `(coalesce(${k}_all.n, 0) - coalesce(${k}_fold.n, 0))`;
    const c = `(coalesce(${k}_all.c, 0) - coalesce(${k}_fold.c, 0))`;
    const m = `((t.c - coalesce(tf.c, 0))::DOUBLE / nullif(t.n - coalesce(tf.n, 0), 0))`;
    columns += `, ${n}::BIGINT AS ${k}_hist_impressions, (${c} + 20 * coalesce(${m}, 0)) / (${n} + 20) AS ${k}_hist_ctr`;
  }
  return { columns, joins };
}

main().catch((e) => {
  console.error(`duckdb lake: ${e.message}`);
  process.exit(1);
});
