#include "adlake/gen/id_variants.hpp"

#include "adlake/gen/spelling.hpp"

namespace adlake::gen {

void append_ip(std::string& out, uint32_t ip, int v) {
  switch (v) {
    case 0:  // leading zeros, allowed and dropped
      for (int i = 0; i < 4; ++i) {
        if (i > 0) out.push_back('.');
        append_padded(out, (ip >> (24 - 8 * i)) & 255, 3);
      }
      return;
    case 1:
      append_dotted(out, ip, 3);
      out.append(".00");
      append_octet(out, ip, 3);
      return;
    case 2:
      out.append("256.");
      append_dotted(out, ip << 8, 3);
      return;
    case 3:
      append_dotted(out, ip, 3);
      return;
    case 4:
      append_dotted(out, ip, 4);
      out.append(".1");
      return;
    case 5:
      return;  // empty
    case 6:
      out.push_back('-');
      return;
    case 7:
      out.append("::1");
      return;
    case 8:
      out.append("2001:db8::8a2e:370:7334");
      return;
    case 9:
      append_dotted(out, ip, 3);
      out.append(".x");
      return;
    case 10:
      out.push_back('+');
      append_dotted(out, ip, 4);
      return;
    case 11:
      out.append("1234.");
      append_dotted(out, ip << 8, 3);
      return;
    case 12:
      append_octet(out, ip, 0);
      out.append("..");
      append_octet(out, ip, 2);
      out.push_back('.');
      append_octet(out, ip, 3);
      return;
    default:
      append_dotted(out, ip, 4);
  }
}

void append_id_recased(std::string& out, std::string_view id, int v) {
  for (size_t i = 0; i < id.size(); ++i) out.push_back(v == 0 || i % 2 == 0 ? upper(id[i]) : id[i]);
}

void append_bad_id(std::string& out, std::string_view id, int v) {
  switch (v) {
    case 0:
      out.append(id.substr(0, 31));
      return;
    case 1:
      out.append(id);
      out.push_back('a');
      return;
    case 2:
      out.append(id.substr(0, 10));
      out.push_back('g');
      out.append(id.substr(11));
      return;
    case 3:  // UUID style
      out.append(id.substr(0, 8));
      out.push_back('-');
      out.append(id.substr(8, 4));
      out.push_back('-');
      out.append(id.substr(12, 4));
      out.push_back('-');
      out.append(id.substr(16, 4));
      out.push_back('-');
      out.append(id.substr(20));
      return;
    case 4:
      return;  // empty
    case 5:
      out.append("null");
      return;
    case 6:
      out.append(id.substr(0, 16));
      out.push_back(' ');
      out.append(id.substr(16));
      return;
    default:
      out.append(id.substr(0, 31));
      out.push_back('z');
      return;
  }
}

void append_overlong_key(std::string& out, std::string_view key) {
  const size_t start = out.size();
  out.append(key);
  while (out.size() - start <= 64 + 10) out.append("-0123456789");
}

}  // namespace adlake::gen
