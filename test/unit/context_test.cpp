// Go-style contexts on their own: deadlines only ever shrink down the tree,
// cancellation runs down and never up, values are found nearest first.

#include <alicloud/core/context.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace alicloud;
using namespace std::chrono_literals;

TEST_CASE("the background context never ends and holds nothing", "[context]")
{
    const context bg;
    CHECK_FALSE(bg.deadline());
    CHECK_FALSE(bg.err());
    CHECK_FALSE(bg.done());
    CHECK(bg.value("anything") == nullptr);
    CHECK(bg.headers().empty());
    bool called = false;
    auto sub = bg.on_cancel([&] { called = true; });
    CHECK_FALSE(called);
}

TEST_CASE("a derived deadline is never later than its parent's", "[context]")
{
    auto [parent, cancel_parent] = with_timeout(context{}, 200ms);
    auto [longer, cancel_longer] = with_timeout(parent, 1s);
    auto [shorter, cancel_shorter] = with_timeout(parent, 50ms);
    REQUIRE(parent.deadline());
    CHECK(longer.deadline() == parent.deadline());
    CHECK(*shorter.deadline() < *parent.deadline());
    // Values and plain cancellation keep the deadline they inherit.
    CHECK(with_value(shorter, "k", "v").deadline() == shorter.deadline());
    CHECK(with_cancel(shorter).ctx.deadline() == shorter.deadline());
}

TEST_CASE("a passed deadline reads as a timeout", "[context]")
{
    auto [ctx, cancel] = with_deadline(context{}, context::clock::now() - 1ms);
    CHECK(ctx.err() == client_errc::timeout);
    CHECK(ctx.err() == errc::timeout);
    auto [live, cancel_live] = with_timeout(context{}, 1h);
    CHECK_FALSE(live.err());
}

TEST_CASE("cancellation runs down to every descendant, never up", "[context]")
{
    auto [root, cancel_root] = with_cancel(context{});
    auto [child, cancel_child] = with_cancel(root);
    const context valued = with_value(child, "trace", "t-1");
    auto [grandchild, cancel_grandchild] = with_timeout(valued, 1h);

    std::vector<std::string> heard;
    auto s1 = root.on_cancel([&] { heard.push_back("root"); });
    auto s2 = grandchild.on_cancel([&] { heard.push_back("grandchild"); });

    cancel_child();
    CHECK(child.err() == errc::cancelled);
    CHECK(valued.err() == errc::cancelled);    // shares its parent's cancellation
    CHECK(grandchild.err() == errc::cancelled); // derived: cancelled with it
    CHECK_FALSE(root.err());                    // never up
    CHECK(heard == std::vector<std::string>{"grandchild"});

    cancel_child(); // the first call decides
    cancel_root();
    CHECK(heard == std::vector<std::string>{"grandchild", "root"});
}

TEST_CASE("on_cancel: at once when already cancelled and never after its subscription is gone", "[context]")
{
    auto [ctx, cancel] = with_cancel(context{});
    int calls = 0;
    {
        auto sub = ctx.on_cancel([&] { ++calls; });
    } // unsubscribed
    cancel();
    CHECK(calls == 0);
    auto late = ctx.on_cancel([&] { ++calls; });
    CHECK(calls == 1);
}

TEST_CASE("a child nobody holds any more stops listening to its parent", "[context]")
{
    auto [parent, cancel] = with_cancel(context{});
    std::weak_ptr<int> witness;
    {
        auto [child, cancel_child] = with_cancel(parent);
        auto token = std::make_shared<int>(1);
        witness = token;
        auto sub = child.on_cancel([token] {});
    }
    CHECK(witness.expired()); // the listener died with the child
    cancel();                 // and cancelling the parent reaches nothing dead
}

TEST_CASE("values are found nearest first, headers keep their order and the nearest value wins", "[context]")
{
    context ctx = with_value(context{}, "tenant", "a");
    ctx = with_header(ctx, "X-Trace-Id", "t-1");
    ctx = with_header(ctx, "x-request-source", "batch");
    ctx = with_value(ctx, "tenant", "b");
    ctx = with_header(ctx, "x-trace-id", "t-2");
    CHECK(*ctx.value("tenant") == "b");
    CHECK(*ctx.value("x-trace-id") == "t-2");
    CHECK(ctx.value("nothing") == nullptr);
    const auto headers = ctx.headers();
    REQUIRE(headers.size() == 2);
    CHECK(headers[0] == http_header{"x-trace-id", "t-2"});
    CHECK(headers[1] == http_header{"x-request-source", "batch"});
}

TEST_CASE("contexts are cancelled and subscribed to from many threads at once", "[context]")
{
    for (int round = 0; round < 50; ++round) {
        auto [root, cancel_root] = with_cancel(context{});
        std::atomic<int> heard{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, root = root] {
                for (int i = 0; i < 50; ++i) {
                    auto [child, cancel_child] = with_cancel(root);
                    auto sub = child.on_cancel([&] { heard.fetch_add(1); });
                    if (i % 7 == 0)
                        cancel_child();
                }
            });
        cancel_root();
        for (auto& t : threads)
            t.join();
        CHECK(root.err() == errc::cancelled);
        // Each child's listener ran at most once: for the children cancelled
        // by hand (8 per thread) for sure, for the others if the root's
        // cancellation found them alive.
        CHECK(heard.load() >= 32);
        CHECK(heard.load() <= 200);
    }
}
