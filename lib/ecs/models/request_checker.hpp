#ifndef ALICLOUD_LIB_ECS_MODELS_REQUEST_CHECKER_HPP
#define ALICLOUD_LIB_ECS_MODELS_REQUEST_CHECKER_HPP

// The checks a request model passes before anything is sent: what the
// documentation states as required or bounded, so that a mistake costs no round
// trip and reports the API parameter's own name in diagnostics::field. The first
// failure wins; later checks do nothing.

#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/error.hpp>
#include <alicloud/ecs/models/common.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alicloud::ecs::detail {

class request_checker {
public:
    request_checker(error_code& ec, diagnostics& diag) noexcept : ec_(ec), diag_(diag) { ec_.clear(); }

    bool failed() const noexcept { return static_cast<bool>(ec_); }

    // A required string parameter must not be empty.
    request_checker& required(std::string_view field, const std::string& value);
    // Unset passes; a set value must lie in [min, max].
    request_checker& in_range(std::string_view field, const std::optional<std::int32_t>& value, std::int32_t min,
                              std::int32_t max = std::numeric_limits<std::int32_t>::max());
    // A repeat list of IDs (Name.1 ... Name.max), no element empty; `required`
    // means at least one.
    request_checker& id_list(std::string_view name, const std::vector<std::string>& ids, std::size_t max,
                             bool required = false);
    // A JSON array parameter of at most `max` non-empty items.
    request_checker& json_array(std::string_view name, const std::optional<std::vector<std::string>>& items,
                                std::size_t max);
    // A repeat list of key/value structs (Tag.N, Filter.N): at most `max`, every key set.
    template <class KeyValue>
    request_checker& key_values(std::string_view name, const std::vector<KeyValue>& items, std::size_t max)
    {
        if (!at_most(name, items.size(), max))
            return *this;
        for (std::size_t i = 0; i < items.size() && !failed(); ++i)
            if (items[i].key.empty())
                fail(client_errc::missing_field, element(name, i) + ".Key",
                     "is empty: every " + std::string(name) + " needs a key");
        return *this;
    }
    // A repeat list of structs of at most `max` elements.
    template <class T>
    request_checker& count(std::string_view name, const std::vector<T>& items, std::size_t max)
    {
        at_most(name, items.size(), max);
        return *this;
    }
    // ClientToken: at most 64 printable ASCII characters. Empty passes: the client
    // fills an unset or empty token before the first attempt.
    request_checker& client_token(const std::optional<std::string>& token);
    // Parameters of which a request may carry one, not both.
    request_checker& not_both(std::string_view first, bool first_set, std::string_view second, bool second_set);
    // A parameter this operation does not take, although a shared model has a member for it.
    request_checker& not_taken(std::string_view field, bool set, std::string_view operation);

private:
    bool at_most(std::string_view name, std::size_t size, std::size_t max);
    // "Name.N" for the element at 0-based index i.
    static std::string element(std::string_view name, std::size_t i);
    void fail(client_errc code, std::string field, std::string_view why);

    error_code& ec_;
    diagnostics& diag_;
};

} // namespace alicloud::ecs::detail

#endif
