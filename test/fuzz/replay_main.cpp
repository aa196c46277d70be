// The main() of a fuzz target built without libFuzzer: replays every file of
// the given corpus folders (or the given files) through LLVMFuzzerTestOneInput,
// so that each target is also a plain regression test of its committed corpus
// (the seeds, and every input a fuzzer once broke the code with).
//
// An invariant that breaks aborts (check.hpp); the file being replayed is
// printed first, so the failing input is named. No input at all is a failure:
// a replay test that replays nothing would pass for the wrong reason.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const fs::path& where)
{
    std::vector<fs::path> out;
    if (fs::is_directory(where)) {
        for (const auto& entry : fs::recursive_directory_iterator(where))
            if (entry.is_regular_file())
                out.push_back(entry.path());
        std::sort(out.begin(), out.end()); // the same order on every machine
    } else if (fs::is_regular_file(where)) {
        out.push_back(where);
    }
    return out;
}

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " CORPUS_DIR_OR_FILE...\n";
        return 2;
    }
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const auto files = inputs_of(argv[i]);
        if (files.empty()) {
            std::cerr << argv[i] << ": no inputs to replay\n";
            return 1;
        }
        for (const auto& file : files) {
            std::cout << "replaying " << file.string() << std::endl; // named before it can abort
            const std::string bytes = read_file(file);
            // A copy of exactly the input's size, so that AddressSanitizer sees a read past its end.
            const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
            LLVMFuzzerTestOneInput(data.data(), data.size());
            ++replayed;
        }
    }
    std::cout << "replayed " << replayed << " inputs, every invariant held\n";
    return 0;
}
