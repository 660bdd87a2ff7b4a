// CONTRACT 2.1 `device_type`, `os`, `gender`, `interest`/`genre`/`category`,
// `campaign_type`, `is_install`: every spelling and alias.
#include <doctest/doctest.h>

#include "adlake/clean/categorical.hpp"

using namespace adlake::clean;

TEST_CASE("device_type: names and aliases, any case, trimmed") {
  CHECK(device_type("phone") == DeviceType::kPhone);
  CHECK(device_type("tablet") == DeviceType::kTablet);
  CHECK(device_type("desktop") == DeviceType::kDesktop);
  CHECK(device_type("ctv") == DeviceType::kCtv);
  CHECK(device_type("mobile") == DeviceType::kPhone);
  CHECK(device_type("smartphone") == DeviceType::kPhone);
  CHECK(device_type("pc") == DeviceType::kDesktop);
  CHECK(device_type("computer") == DeviceType::kDesktop);
  CHECK(device_type("tv") == DeviceType::kCtv);
  CHECK(device_type("smart_tv") == DeviceType::kCtv);
  CHECK(device_type("connected_tv") == DeviceType::kCtv);
  CHECK(device_type("PHONE") == DeviceType::kPhone);
  CHECK(device_type(" \tSmartPhone\t ") == DeviceType::kPhone);
  CHECK(device_type("CTV") == DeviceType::kCtv);
  CHECK(device_type("Connected_TV") == DeviceType::kCtv);
  CHECK(device_type("PC") == DeviceType::kDesktop);
}

TEST_CASE("device_type: anything else is unknown") {
  for (const char* bad : {"", "  ", "smart tv", "smart-tv", "connected tv", "phones", "phon",
                          "ipad", "laptop", "unknown", "p hone", "phone\r"}) {
    CAPTURE(bad);
    CHECK(device_type(bad) == DeviceType::kUnknown);
  }
}

TEST_CASE("os: names and aliases, any case, trimmed") {
  CHECK(os("android") == Os::kAndroid);
  CHECK(os("ios") == Os::kIos);
  CHECK(os("windows") == Os::kWindows);
  CHECK(os("macos") == Os::kMacos);
  CHECK(os("linux") == Os::kLinux);
  CHECK(os("iphone os") == Os::kIos);
  CHECK(os("mac") == Os::kMacos);
  CHECK(os("osx") == Os::kMacos);
  CHECK(os("mac os x") == Os::kMacos);
  CHECK(os("win") == Os::kWindows);
  CHECK(os("win10") == Os::kWindows);
  CHECK(os("windows 10") == Os::kWindows);
  CHECK(os("Android") == Os::kAndroid);
  CHECK(os("iOS") == Os::kIos);
  CHECK(os("iPhone OS") == Os::kIos);
  CHECK(os("MacOS") == Os::kMacos);
  CHECK(os("Mac OS X") == Os::kMacos);
  CHECK(os("OSX") == Os::kMacos);
  CHECK(os("WIN10") == Os::kWindows);
  CHECK(os("Windows 10") == Os::kWindows);
  CHECK(os("\t Linux \t") == Os::kLinux);
}

TEST_CASE("os: empty is unknown, any other value is other") {
  CHECK(os("") == Os::kUnknown);
  CHECK(os(" \t ") == Os::kUnknown);
  for (const char* other :
       {"blackberry", "windows 11", "win11", "mac os", "mac  os x", "macosx", "iphone", "ubuntu",
        "unknown", "other", "os x", "windows10", "android\r"}) {
    CAPTURE(other);
    CHECK(os(other) == Os::kOther);
  }
}

TEST_CASE("gender: words and letters, any case") {
  for (const char* male : {"m", "M", "male", "Male", "MALE", "man", "Man", " m\t"}) {
    CAPTURE(male);
    CHECK(gender(male) == Gender::kM);
  }
  for (const char* female : {"f", "F", "female", "Female", "FEMALE", "woman", "WOMAN", "\tf "}) {
    CAPTURE(female);
    CHECK(gender(female) == Gender::kF);
  }
  for (const char* other : {"", "u", "U", "x", "men", "women", "males", "fem", "other", "unknown",
                            "non-binary", "m f"}) {
    CAPTURE(other);
    CHECK(gender(other) == Gender::kU);
  }
}

TEST_CASE("category: the ten topics, any case; else unknown (never none)") {
  CHECK(category("gaming") == Category::kGaming);
  CHECK(category("finance") == Category::kFinance);
  CHECK(category("shopping") == Category::kShopping);
  CHECK(category("travel") == Category::kTravel);
  CHECK(category("sports") == Category::kSports);
  CHECK(category("news") == Category::kNews);
  CHECK(category("social") == Category::kSocial);
  CHECK(category("health") == Category::kHealth);
  CHECK(category("food") == Category::kFood);
  CHECK(category("education") == Category::kEducation);
  CHECK(category("GAMING") == Category::kGaming);
  CHECK(category(" \tEducation ") == Category::kEducation);
  for (const char* bad :
       {"", "none", "unknown", "sport", "game", "foods", "fin ance", "health care"}) {
    CAPTURE(bad);
    CHECK(category(bad) == Category::kUnknown);
  }
}

TEST_CASE("campaign_type: CPC, CPI, CPM in any case, else rejected") {
  CHECK(campaign_type("CPC") == CampaignType::kCpc);
  CHECK(campaign_type("cpi") == CampaignType::kCpi);
  CHECK(campaign_type(" Cpm\t") == CampaignType::kCpm);
  for (const char* bad : {"", "CPA", "CP C", "none", "CPCC", "cpmx"}) {
    CAPTURE(bad);
    CHECK_FALSE(campaign_type(bad).has_value());
  }
}

TEST_CASE("is_install: 1, true, yes, y, t in any case") {
  for (const char* yes : {"1", "true", "TRUE", "True", "yes", "YES", "y", "Y", "t", "T", " 1\t"}) {
    CAPTURE(yes);
    CHECK(is_install(yes) == 1);
  }
  for (const char* no : {"", "0", "false", "no", "n", "f", "2", "01", "1.0", "yes!", "tru", "on"}) {
    CAPTURE(no);
    CHECK(is_install(no) == 0);
  }
}
