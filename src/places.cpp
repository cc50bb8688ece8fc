// Places: a vector of Place in 16 bytes, one place inline.
#include "convgraph/places.hpp"

#include "convgraph/error.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace convgraph {

static_assert(sizeof(Places) == 16, "Places is meant to be 16 bytes");
static_assert(sizeof(Place) == 12 && alignof(Place) == 4);

Places::Places() noexcept { new (m_storage) Place{}; }

Places::Places(std::initializer_list<Place> places) : Places() {
    reserve(places.size());
    for (const Place& p : places) push_back(p);
}

Places::Places(const Places& other) : Places() {
    reserve(other.size());
    std::copy(other.begin(), other.end(), data());
    set_size(other.size());
}

Places::Places(Places&& other) noexcept : m_size(other.m_size) {
    std::memcpy(m_storage, other.m_storage, sizeof m_storage);
    other.m_size = 0;
    new (other.m_storage) Place{};
}

Places& Places::operator=(const Places& other) {
    if (this != &other) {
        Places copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Places& Places::operator=(Places&& other) noexcept {
    if (this != &other) {
        if (on_heap()) delete[] heap();
        m_size = other.m_size;
        std::memcpy(m_storage, other.m_storage, sizeof m_storage);
        other.m_size = 0;
        new (other.m_storage) Place{};
    }
    return *this;
}

Places::~Places() {
    if (on_heap()) delete[] heap();
}

Places::size_type Places::capacity() const noexcept {
    if (!on_heap()) return 1;
    std::uint32_t c;
    std::memcpy(&c, m_storage, sizeof c);
    return c;
}

Place* Places::heap() const noexcept {
    Place* p;
    std::memcpy(&p, m_storage + 4, sizeof p);
    return p;
}

void Places::set_heap(Place* p, std::uint32_t capacity) noexcept {
    std::memcpy(m_storage, &capacity, sizeof capacity);
    std::memcpy(m_storage + 4, &p, sizeof p);
    m_size |= k_heap_flag;
}

Place* Places::data() noexcept { return on_heap() ? heap() : std::launder(reinterpret_cast<Place*>(m_storage)); }
const Place* Places::data() const noexcept {
    return on_heap() ? heap() : std::launder(reinterpret_cast<const Place*>(m_storage));
}

void Places::set_size(size_type n) noexcept {
    m_size = (m_size & k_heap_flag) | static_cast<std::uint32_t>(n);
}

void Places::grow_to(size_type wanted) {
    if (wanted > k_size_mask) throw Error("more than 2^31 places for one fact");
    const size_type n = size();
    auto* fresh = new Place[wanted];
    std::copy(data(), data() + n, fresh);
    if (on_heap()) delete[] heap();
    set_heap(fresh, static_cast<std::uint32_t>(wanted));
}

void Places::push_back(const Place& p) {
    const Place copy = p;  // `p` may be one of ours, and growing frees or overwrites it
    const size_type n = size();
    if (n == capacity()) grow_to(std::min<size_type>(std::max<size_type>(4, n * 2), std::max<size_type>(n + 1, k_size_mask)));
    data()[n] = copy;
    set_size(n + 1);
}

void Places::reserve(size_type n) {
    if (n > capacity()) grow_to(n);
}

void Places::resize(size_type n) {
    reserve(n);
    for (size_type i = size(); i < n; ++i) data()[i] = Place{};
    set_size(n);
}

Places::iterator Places::erase(const_iterator first, const_iterator last) {
    Place* d = data();
    auto* f = d + (first - d);
    auto* l = d + (last - d);
    Place* new_end = std::copy(l, d + size(), f);
    set_size(static_cast<size_type>(new_end - d));
    return f;
}

void Places::clear() noexcept { set_size(0); }

bool operator==(const Places& a, const Places& b) noexcept { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

}  // namespace convgraph
