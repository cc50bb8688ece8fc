// Conventions: the default words.
#include "convgraph/conventions.hpp"

#include "convgraph/normalize.hpp"

#include <algorithm>

namespace convgraph {

const Conventions& Conventions::defaults() {
    static const Conventions conv;
    return conv;
}

namespace {

bool normalized_in(std::string_view text, const std::vector<std::string>& words) {
    std::string norm = normalize_name(text);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return norm == normalize_name(w); });
}

}  // namespace

std::optional<Role> Conventions::header_role(std::string_view cell) const {
    if (normalized_in(cell, driver_headers)) return Role::driver;
    if (normalized_in(cell, mechanism_headers)) return Role::mechanism;
    if (normalized_in(cell, effect_headers)) return Role::effect;
    return std::nullopt;
}

bool Conventions::is_toc_heading(std::string_view title) const { return normalized_in(title, toc_headings); }

}  // namespace convgraph
