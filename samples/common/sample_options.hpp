#ifndef ALICLOUD_SAMPLES_COMMON_SAMPLE_OPTIONS_HPP
#define ALICLOUD_SAMPLES_COMMON_SAMPLE_OPTIONS_HPP

// Where and as whom every sample calls: the command line, else the environment.
// Against the emulator: https://127.0.0.1:PORT, the CA it wrote, and the key
// testid/testsecret.

#include <alicloud/client_options.hpp>

#include <cstdlib>
#include <string>

namespace samples {

inline alicloud::client_options options_from(int argc, char** argv)
{
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? v : "";
    };
    alicloud::client_options o;
    o.endpoint = argc > 1 ? argv[1] : env("ALICLOUD_ENDPOINT");   // empty: the real cn-hangzhou endpoint
    o.tls.ca_file = argc > 2 ? argv[2] : env("ALICLOUD_CA_FILE"); // empty: the system's CAs
    o.region_id = "cn-hangzhou"; // the RegionId of every request that takes one and has none
    o.creds = {env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), ""};
    return o;
}

} // namespace samples

#endif
