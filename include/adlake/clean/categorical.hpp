#pragma once
// Enumerated values of CONTRACT 2.1 (labels in enums.hpp). Every function takes
// the bronze value untrimmed, trims spaces and tabs, folds ASCII case, and
// matches whole values only: inner spacing is not normalised (`smart tv` or
// `mac  os x` are not aliases), except for `state` where the contract says so.
#include <cstdint>
#include <optional>
#include <string_view>

#include "adlake/clean/enums.hpp"

namespace adlake::clean {

// phone, tablet, desktop, ctv; mobile, smartphone -> phone; pc, computer ->
// desktop; tv, smart_tv, connected_tv -> ctv; anything else (empty included)
// -> unknown.
DeviceType device_type(std::string_view bronze);

// android, ios, windows, macos, linux; iphone os -> ios; mac, osx, mac os x ->
// macos; win, win10, windows 10 -> windows; empty -> unknown; any other value
// -> other (also the words `unknown` and `other` themselves: they are values
// that are not in the list).
Os os(std::string_view bronze);

// m, male, man -> M; f, female, woman -> F; else U.
Gender gender(std::string_view bronze);

// `interest`, `genre`, `category`: one of the ten topics, else unknown (never
// `none`, which only marks a fact row without impression).
Category category(std::string_view bronze);

// CPC, CPI, CPM (any case); nullopt is a reject `invalid_campaign_type`.
std::optional<CampaignType> campaign_type(std::string_view bronze);

// 1, true, yes, y, t -> 1; else 0.
std::uint8_t is_install(std::string_view bronze);

}  // namespace adlake::clean
