#ifndef ALICLOUD_SAMPLES_CLI_NEAREST_NAMES_HPP
#define ALICLOUD_SAMPLES_CLI_NEAREST_NAMES_HPP

// "Did you mean ...?": the names a user probably meant by one that is not
// there.

#include <string>
#include <string_view>
#include <vector>

namespace alicloud::cli {

// The candidates nearest to `wanted`, case-insensitively, by edit distance
// (an insertion, a deletion, a change or two neighbours swapped each count
// one): those at the smallest distance, if it is small for the name's length,
// at most three. Failing that, up to five that contain `wanted` (four
// letters at least). Empty when nothing is near.
std::vector<std::string> nearest_names(std::string_view wanted, const std::vector<std::string>& candidates);

// "A", "A or B", "A, B or C".
std::string one_of(const std::vector<std::string>& names);

} // namespace alicloud::cli

#endif
