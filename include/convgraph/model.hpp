// Model: the vocabulary of the graph — roles (node kinds) and relations (edge kinds).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace convgraph {

// In precedence order: a concept's kind is its first role in this order.
enum class Role { driver, mechanism, effect, case_, layer, aspect, concept_, document };

inline constexpr std::array<Role, 8> k_all_roles = {Role::driver, Role::mechanism, Role::effect, Role::case_,
                                                     Role::layer,  Role::aspect,    Role::concept_, Role::document};

enum class Relation {
    acts_through,    // driver → mechanism
    produces,        // mechanism → effect
    results_in,      // driver → effect
    exemplified_by,  // driver → case
    leads_to,        // any → any (a Mermaid arrow)
    has_factor,      // driver → driver
    has_aspect,      // layer → aspect
    influences,      // subject → aspect
    links_to,        // document → document
    mentions,        // document → concept
};

inline constexpr std::array<Relation, 10> k_all_relations = {
    Relation::acts_through, Relation::produces,   Relation::results_in, Relation::exemplified_by,
    Relation::leads_to,     Relation::has_factor, Relation::has_aspect, Relation::influences,
    Relation::links_to,     Relation::mentions};

std::string_view to_string(Role r);
std::string_view to_string(Relation r);
std::optional<Role> role_from_string(std::string_view s);  // also accepts plurals ("drivers", "cases")
std::optional<Relation> relation_from_string(std::string_view s);

// Display colour per kind (ColorBrewer Set1 and friends), as 0xRRGGBB.
unsigned kind_color(Role r);

}  // namespace convgraph
