#include "adlake/gen/money_variants.hpp"

#include "adlake/gen/spelling.hpp"

namespace adlake::gen {

void append_money(std::string& out, int64_t micros, int v) {
  switch (v) {
    case 0:
      out.append("000");
      append_micros_short(out, micros);
      return;
    case 1:
      append_micros6(out, micros);
      return;
    case 2:
      // One micro less and a seventh digit 5: rounds half up to `micros`.
      append_micros6(out, micros - 1);
      out.append("5");
      return;
    case 3:
      // A seventh digit 4 and more: rounds down to `micros`.
      append_micros6(out, micros);
      out.append("4999");
      return;
    case 4:
      if (micros % 1000000 == 0) {
        append_int(out, micros / 1000000);
      } else {
        append_micros6(out, micros);
        out.append("000");
      }
      return;
    default:
      append_micros_short(out, micros);
  }
}

void append_bad_money(std::string& out, int64_t micros, int v) {
  switch (v) {
    case 0:
      out.push_back('.');
      append_padded(out, static_cast<uint64_t>(micros % 1000000), 6);
      return;
    case 1:
      append_int(out, micros / 1000000);
      out.push_back('.');
      return;
    case 2:
      out.push_back('-');
      append_micros_short(out, micros);
      return;
    case 3:
      out.push_back('+');
      append_micros_short(out, micros);
      return;
    case 4:
      append_micros_short(out, micros);
      out.append("e0");
      return;
    case 5:
      out.append("abc");
      return;
    case 6:
      return;  // empty
    case 7:
      out.append("1000.00");  // not below 1000
      return;
    case 8:
      out.append("1 ");
      append_micros_short(out, micros);
      return;
    case 9:
      out.push_back('$');
      append_micros_short(out, micros);
      return;
    default:
      append_micros_short(out, micros);
      out.append(".5");
      return;
  }
}

}  // namespace adlake::gen
