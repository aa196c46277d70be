// alicloud-decode-bench: how long the typed client takes to turn the bench
// server's DescribeInstances answer (3,947 bytes, 10 instances) into the model,
// apart from the network. The figure issue budgets compare before and after a
// change to the codec; a measuring program, not a test. It reports the
// thread's CPU time per decode beside the wall time: on a shared machine the
// wall clock also counts the time other programs had the core.
//
//     alicloud-decode-bench [answer.json] [iterations]

#include "core/model/descriptor.hpp"
#include "core/model/encode.hpp"

#include <alicloud/ecs/models/describe_instances.hpp>
#include <alicloud/ecs/operations.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
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
    auto cpu_now = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3; // µs
    };
    std::vector<double> cpu;
    std::vector<double> wall;
    for (int run = 0; run < 5; ++run) {
        const double cpu_start = cpu_now();
        const auto start = std::chrono::steady_clock::now();
        for (long i = 0; i < iterations; ++i)
            once();
        const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
        cpu.push_back((cpu_now() - cpu_start) / static_cast<double>(iterations));
        wall.push_back(took.count() / static_cast<double>(iterations));
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    std::printf("alicloud-decode-bench: %zu bytes, %ld decodes x 5 runs\n", body.size(), iterations);
    std::printf("us CPU per decode:  min %.3f median %.3f max %.3f\n", cpu.front(), cpu[2], cpu.back());
    std::printf("us wall per decode: min %.3f median %.3f max %.3f\n", wall.front(), wall[2], wall.back());
    return 0;
}
