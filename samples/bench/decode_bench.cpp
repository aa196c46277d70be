// alicloud-decode-bench: how long the typed client takes to turn the bench
// server's DescribeInstances answer (3,947 bytes, 10 instances) into the model,
// apart from the network. The figure issue budgets compare before and after a
// change to the codec; a measuring program, not a test.
//
//     alicloud-decode-bench [answer.json] [iterations]

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"

#include <alicloud/ecs/models/describe_instances.hpp>
#include <alicloud/ecs/operations.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#ifndef ALICLOUD_BENCH_ANSWER
#define ALICLOUD_BENCH_ANSWER "describe_instances_answer.json"
#endif

int main(int argc, char** argv)
{
    const char* path = argc > 1 ? argv[1] : ALICLOUD_BENCH_ANSWER;
    const long iterations = argc > 2 ? std::stol(argv[2]) : 200000;
    std::ifstream in(path, std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (body.empty()) {
        std::fprintf(stderr, "alicloud-decode-bench: cannot read %s\n", path);
        return 2;
    }
    const auto& op = alicloud::ecs::detail::describe_instances_operation;

    auto once = [&]() -> bool {
        alicloud::ecs::describe_instances_response out;
        alicloud::error_code ec;
        alicloud::detail::model::decode(*op.response, body, &out, ec, out.diag);
        return !ec && out.instances.size() == 10;
    };
    for (int i = 0; i < 1000; ++i) {
        if (!once()) {
            std::fprintf(stderr, "alicloud-decode-bench: the answer did not decode into 10 instances\n");
            return 1;
        }
    }
    std::vector<double> runs;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        for (long i = 0; i < iterations; ++i)
            once();
        const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
        runs.push_back(took.count() / static_cast<double>(iterations));
    }
    std::sort(runs.begin(), runs.end());
    std::printf("alicloud-decode-bench: %zu bytes, %ld decodes x 5 runs\n", body.size(), iterations);
    std::printf("us per decode: min %.3f median %.3f max %.3f\n", runs.front(), runs[2], runs.back());
    return 0;
}
