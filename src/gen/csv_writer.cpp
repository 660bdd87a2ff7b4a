#include "adlake/gen/csv_writer.hpp"

namespace adlake::gen {
namespace {

bool must_quote(std::string_view v) {
  for (char c : v)
    if (c == ',' || c == '"') return true;
  return false;
}

void append_escaped(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
}

void append_quoted(std::string& out, std::string_view v, std::string_view before,
                   std::string_view after) {
  out.push_back('"');
  out.append(before);
  append_escaped(out, v);
  out.append(after);
  out.push_back('"');
}

// Upper or capitalised header names, padded: matched after trimming and case folding.
void append_odd_name(std::string& out, std::string_view name, size_t position) {
  if (position % 2 == 0) out.push_back(' ');
  bool word_start = true;
  for (char c : name) {
    const bool up = position % 3 == 0 || word_start;
    out.push_back(up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    word_start = c == '_';
  }
  if (position % 2 == 1) out.push_back('\t');
}

constexpr std::string_view kExtraColumn = "ingest_host";

}  // namespace

void append_field(std::string& out, std::string_view v, Cosmetic c) {
  const bool quote = must_quote(v);
  switch (c) {
    case Cosmetic::None:
      if (quote)
        append_quoted(out, v, "", "");
      else
        out.append(v);
      return;
    case Cosmetic::PadLeft:
      if (quote) {
        append_quoted(out, v, " ", "");
      } else {
        out.push_back(' ');
        out.append(v);
      }
      return;
    case Cosmetic::PadRight:
      if (quote)
        append_quoted(out, v, "", "");
      else
        out.append(v);
      out.push_back('\t');
      return;
    case Cosmetic::PadBoth:
      if (quote) {
        append_quoted(out, v, "  ", " \t");
      } else {
        out.append("  ");
        out.append(v);
        out.append(" \t");
      }
      return;
    case Cosmetic::Quoted:
      append_quoted(out, v, "", "");
      return;
    case Cosmetic::QuotedPadded:
      append_quoted(out, v, " ", "\t");
      return;
    case Cosmetic::QuotedTrailing:
      append_quoted(out, v, "", "");
      out.append("  ");
      return;
    case Cosmetic::kCount:
      break;
  }
  out.append(v);
}

CsvWriter::CsvWriter(std::string& out, const FileStyle& style,
                     std::span<const std::string_view> names)
    : out_(out), style_(style) {
  if (style.bom) out_.append("\xEF\xBB\xBF");
  int column = 0;
  const int width = style.columns + (style.extra_position >= 0 ? 1 : 0);
  for (int pos = 0; pos < width; ++pos) {
    if (pos > 0) out_.push_back(',');
    std::string_view name =
        pos == style.extra_position ? kExtraColumn : names[style.order[column++]];
    if (style.odd_header)
      append_odd_name(out_, name, static_cast<size_t>(pos));
    else
      out_.append(name);
  }
  end_line(out_);
}

void CsvWriter::end_line(std::string& dst) {
  if (style_.crlf) dst.push_back('\r');
  dst.push_back('\n');
}

// skip_last drops that many fields from the end of the line; unterminated_last
// opens a quote on the last field and never closes it.
void CsvWriter::emit(std::string& dst, const Row& row, int skip_last, bool unterminated_last) {
  const int width = style_.columns + (style_.extra_position >= 0 ? 1 : 0) - skip_last;
  int column = 0;
  for (int pos = 0; pos < width; ++pos) {
    if (pos > 0) dst.push_back(',');
    const bool last = pos == width - 1;
    if (pos == style_.extra_position) {
      if (unterminated_last && last) dst.push_back('"');
      dst.append("host-");
      dst.push_back(static_cast<char>('0' + lines_ % 8));
      continue;
    }
    const int c = style_.order[column++];
    const std::string& v = row.field[c];
    if (unterminated_last && last) {
      dst.push_back('"');
      for (char ch : v)
        if (ch != '"') dst.push_back(ch);
    } else if (row.raw[c]) {
      dst.append(v);
    } else {
      append_field(dst, v, row.cosmetic[c]);
    }
  }
}

void CsvWriter::write(const Row& row) {
  emit(out_, row, 0, false);
  end_line(out_);
  ++lines_;
}

void CsvWriter::write_later(const Row& row) {
  emit(pending_, row, 0, false);
  end_line(pending_);
  ++pending_lines_;
}

void CsvWriter::release_pending(Rng& rng, double p) {
  if (pending_.empty() || !rng.chance(p)) return;
  out_.append(pending_);
  lines_ += pending_lines_;
  pending_.clear();
  pending_lines_ = 0;
}

void CsvWriter::write_malformed(const Row& row, Malformed kind) {
  Row bad = row;
  // The field that carries the fault: the first in file order that is not the extra column.
  const int first = style_.order[0];
  switch (kind) {
    case Malformed::FewerFields:
      emit(out_, bad, 1, false);
      break;
    case Malformed::MoreFields:
      emit(out_, bad, 0, false);
      out_.append(",unexpected");
      break;
    case Malformed::UnterminatedQuote:
      emit(out_, bad, 0, true);
      break;
    case Malformed::TooLong:
    case Malformed::TooLongQuoted: {
      // A pasted blob: longer than the contract's 4096-byte field limit.
      std::string& f = bad.field[first];
      const size_t n = 4097 + lines_ % 1500;
      f.clear();
      for (size_t i = 0; i < n; ++i) f.push_back(static_cast<char>('a' + (i * 7 + lines_) % 26));
      bad.raw[first] = false;
      bad.cosmetic[first] = kind == Malformed::TooLong ? Cosmetic::None : Cosmetic::Quoted;
      emit(out_, bad, 0, false);
      break;
    }
    case Malformed::Latin1:
      bad.field[first] += "caf\xE9";  // ISO-8859-1 e-acute
      emit(out_, bad, 0, false);
      break;
    case Malformed::InvalidByte:
      bad.field[first].insert(0, "\xFF\xFE");
      emit(out_, bad, 0, false);
      break;
    case Malformed::TruncatedUtf8:
      bad.field[first] += "\xE2\x82";  // the first two bytes of a three-byte sequence
      emit(out_, bad, 0, false);
      break;
    case Malformed::EncodingAndQuote:
      bad.field[first] += "\xC3";
      emit(out_, bad, 0, true);
      break;
    case Malformed::kCount:
      return;
  }
  end_line(out_);
  ++lines_;
}

void CsvWriter::write_blank(Blank kind) {
  switch (kind) {
    case Blank::Empty:
      break;
    case Blank::Spaces:
      out_.append("   ");
      break;
    case Blank::Tab:
      out_.push_back('\t');
      break;
    case Blank::Mixed:
      out_.append(" \t ");
      break;
    case Blank::kCount:
      return;
  }
  end_line(out_);
  ++lines_;
}

void CsvWriter::finish() {
  out_.append(pending_);
  lines_ += pending_lines_;
  pending_.clear();
  pending_lines_ = 0;
  if (!style_.final_newline && lines_ > 0) {
    out_.pop_back();
    if (style_.crlf) out_.pop_back();
  }
}

}  // namespace adlake::gen
