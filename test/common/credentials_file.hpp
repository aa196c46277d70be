#ifndef ALICLOUD_TEST_COMMON_CREDENTIALS_FILE_HPP
#define ALICLOUD_TEST_COMMON_CREDENTIALS_FILE_HPP

// A shared credentials file (ecs-api.md §6.3) of the test's own, removed with
// the object.

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace alicloud::test {

struct credentials_file {
    std::filesystem::path path;
    explicit credentials_file(const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("alicloud-test-credentials-" + std::to_string(::getpid())))
    {
        std::ofstream(path) << text;
    }
    ~credentials_file() { std::filesystem::remove(path); }
    credentials_file(const credentials_file&) = delete;
    credentials_file& operator=(const credentials_file&) = delete;
};

} // namespace alicloud::test

#endif
