#include "adlake/gen/vocab.hpp"

namespace adlake::gen {

// 2020 census populations, rounded.
const std::array<StateInfo, kStateCount> kStates = {{
    {"AL", "Alabama", 5.0, kSouth},
    {"AK", "Alaska", 0.73, kWest},
    {"AZ", "Arizona", 7.2, kWest},
    {"AR", "Arkansas", 3.0, kSouth},
    {"CA", "California", 39.5, kWest},
    {"CO", "Colorado", 5.8, kWest},
    {"CT", "Connecticut", 3.6, kNortheast},
    {"DE", "Delaware", 1.0, kSouth},
    {"DC", "District of Columbia", 0.69, kSouth},
    {"FL", "Florida", 21.5, kSouth},
    {"GA", "Georgia", 10.7, kSouth},
    {"HI", "Hawaii", 1.46, kWest},
    {"ID", "Idaho", 1.84, kWest},
    {"IL", "Illinois", 12.8, kMidwest},
    {"IN", "Indiana", 6.8, kMidwest},
    {"IA", "Iowa", 3.2, kMidwest},
    {"KS", "Kansas", 2.9, kMidwest},
    {"KY", "Kentucky", 4.5, kSouth},
    {"LA", "Louisiana", 4.66, kSouth},
    {"ME", "Maine", 1.36, kNortheast},
    {"MD", "Maryland", 6.2, kSouth},
    {"MA", "Massachusetts", 7.0, kNortheast},
    {"MI", "Michigan", 10.1, kMidwest},
    {"MN", "Minnesota", 5.7, kMidwest},
    {"MS", "Mississippi", 2.96, kSouth},
    {"MO", "Missouri", 6.15, kMidwest},
    {"MT", "Montana", 1.08, kWest},
    {"NE", "Nebraska", 1.96, kMidwest},
    {"NV", "Nevada", 3.1, kWest},
    {"NH", "New Hampshire", 1.38, kNortheast},
    {"NJ", "New Jersey", 9.3, kNortheast},
    {"NM", "New Mexico", 2.1, kWest},
    {"NY", "New York", 20.2, kNortheast},
    {"NC", "North Carolina", 10.4, kSouth},
    {"ND", "North Dakota", 0.78, kMidwest},
    {"OH", "Ohio", 11.8, kMidwest},
    {"OK", "Oklahoma", 3.96, kSouth},
    {"OR", "Oregon", 4.24, kWest},
    {"PA", "Pennsylvania", 13.0, kNortheast},
    {"RI", "Rhode Island", 1.1, kNortheast},
    {"SC", "South Carolina", 5.1, kSouth},
    {"SD", "South Dakota", 0.89, kMidwest},
    {"TN", "Tennessee", 6.9, kSouth},
    {"TX", "Texas", 29.1, kSouth},
    {"UT", "Utah", 3.27, kWest},
    {"VT", "Vermont", 0.64, kNortheast},
    {"VA", "Virginia", 8.6, kSouth},
    {"WA", "Washington", 7.7, kWest},
    {"WV", "West Virginia", 1.79, kSouth},
    {"WI", "Wisconsin", 5.9, kMidwest},
    {"WY", "Wyoming", 0.58, kWest},
}};

int age_bucket(int age) {
  if (age < 13) return kUnknown;
  if (age <= 17) return 0;
  if (age <= 24) return 1;
  if (age <= 34) return 2;
  if (age <= 44) return 3;
  if (age <= 54) return 4;
  if (age <= 64) return 5;
  return 6;
}

}  // namespace adlake::gen
