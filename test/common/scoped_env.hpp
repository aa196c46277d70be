#ifndef ALICLOUD_TEST_COMMON_SCOPED_ENV_HPP
#define ALICLOUD_TEST_COMMON_SCOPED_ENV_HPP

// Sets (or, with nullptr, unsets) an environment variable for a scope, as the
// credential providers read them (ecs-api.md §6.2). Not thread-safe: tests
// that use it make no calls from other threads while it changes.

#include <cstdlib>
#include <optional>
#include <string>

namespace alicloud::test {

class scoped_env {
public:
    scoped_env(const char* name, const char* value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            old_ = old;
        if (value != nullptr)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~scoped_env()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

} // namespace alicloud::test

#endif
