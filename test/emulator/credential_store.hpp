#ifndef ALICLOUD_EMULATOR_CREDENTIAL_STORE_HPP
#define ALICLOUD_EMULATOR_CREDENTIAL_STORE_HPP

// The AccessKeys the emulator accepts, and the STS tokens tied to them.

#include "options.hpp"

#include <map>
#include <string>
#include <string_view>

namespace alicloud::emulator {

class credential_store {
public:
    // Adds or replaces a key (an STS key when security_token is set).
    void add(access_key key);
    const access_key* find(std::string_view id) const;
    // The AccessKeyId an STS token was issued with, or nullptr for an unknown token.
    const std::string* token_owner(std::string_view token) const;
    void clear();

private:
    std::map<std::string, access_key, std::less<>> keys_;
    std::map<std::string, std::string, std::less<>> token_owners_;
};

} // namespace alicloud::emulator

#endif
