#ifndef ALICLOUD_DETAIL_FORWARDING_ASSOCIATOR_HPP
#define ALICLOUD_DETAIL_FORWARDING_ASSOCIATOR_HPP

// The base of an `asio::associator` specialisation for a handler adapter that
// wraps the caller's handler in a member named `handler`: the adapter then
// reports that handler's executor, allocator and cancellation slot as its own,
// so wrapping a handler never moves where or how it completes.
//
//   template <template <class, class> class A, class H, class D>
//   struct boost::asio::associator<A, my_adapter<H>, D>
//       : alicloud::detail::forwarding_associator<A, my_adapter<H>, H, D> {};

namespace alicloud::detail {

template <template <class, class> class Associator, class Adapter, class Handler, class DefaultCandidate>
struct forwarding_associator : Associator<Handler, DefaultCandidate> {
    static typename Associator<Handler, DefaultCandidate>::type get(const Adapter& a) noexcept
    {
        return Associator<Handler, DefaultCandidate>::get(a.handler);
    }
    static auto get(const Adapter& a, const DefaultCandidate& c) noexcept
        -> decltype(Associator<Handler, DefaultCandidate>::get(a.handler, c))
    {
        return Associator<Handler, DefaultCandidate>::get(a.handler, c);
    }
};

} // namespace alicloud::detail

#endif
