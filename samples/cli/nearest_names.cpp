#include "nearest_names.hpp"

#include <algorithm>
#include <cstddef>

namespace alicloud::cli {
namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

// Optimal string alignment distance: Levenshtein with transpositions.
std::size_t distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + change});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[b.size()];
}

} // namespace

std::vector<std::string> nearest_names(std::string_view wanted, const std::vector<std::string>& candidates)
{
    const std::string w = lowered(wanted);
    // A quarter of the name may be wrong, two letters at least: "Region"
    // finds RegionId, "DescribeInstnces" DescribeInstances; "SecurityGroup"
    // is not JoinSecurityGroup, but a part of several.
    const std::size_t limit = std::max<std::size_t>(2, w.size() / 4);
    std::size_t best = limit + 1;
    std::vector<std::string> out;
    for (const auto& c : candidates) {
        const std::size_t d = distance(w, lowered(c));
        if (d > limit)
            continue;
        if (d < best) {
            best = d;
            out.clear();
        }
        if (d == best && std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(c);
    }
    if (out.empty() && w.size() >= 4) {
        for (const auto& c : candidates)
            if (lowered(c).find(w) != std::string::npos && std::find(out.begin(), out.end(), c) == out.end())
                out.push_back(c);
        std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
            return a.size() != b.size() ? a.size() < b.size() : a < b;
        });
        if (out.size() > 5)
            out.resize(5);
        return out;
    }
    std::sort(out.begin(), out.end());
    if (out.size() > 3)
        out.resize(3);
    return out;
}

std::string one_of(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

} // namespace alicloud::cli
