// Model: names and colours of roles and relations.
#include "convgraph/model.hpp"

#include <string>

namespace convgraph {

std::string_view to_string(Role r) {
    switch (r) {
    case Role::driver: return "driver";
    case Role::mechanism: return "mechanism";
    case Role::effect: return "effect";
    case Role::case_: return "case";
    case Role::layer: return "layer";
    case Role::aspect: return "aspect";
    case Role::concept_: return "concept";
    case Role::document: return "document";
    }
    return "concept";
}

std::string_view to_string(Relation r) {
    switch (r) {
    case Relation::acts_through: return "acts_through";
    case Relation::produces: return "produces";
    case Relation::results_in: return "results_in";
    case Relation::exemplified_by: return "exemplified_by";
    case Relation::leads_to: return "leads_to";
    case Relation::has_factor: return "has_factor";
    case Relation::has_aspect: return "has_aspect";
    case Relation::influences: return "influences";
    case Relation::links_to: return "links_to";
    case Relation::mentions: return "mentions";
    }
    return "leads_to";
}

std::optional<Role> role_from_string(std::string_view s) {
    for (Role r : k_all_roles) {
        std::string name(to_string(r));
        if (s == name || s == name + "s" || (r == Role::case_ && s == "cases")) return r;
    }
    return std::nullopt;
}

std::optional<Relation> relation_from_string(std::string_view s) {
    for (Relation r : k_all_relations)
        if (s == to_string(r)) return r;
    return std::nullopt;
}

unsigned kind_color(Role r) {
    switch (r) {
    case Role::driver: return 0xe41a1c;
    case Role::mechanism: return 0x377eb8;
    case Role::effect: return 0x4daf4a;
    case Role::case_: return 0x984ea3;
    case Role::layer: return 0xf781bf;
    case Role::aspect: return 0x999999;
    case Role::concept_: return 0xff7f00;
    case Role::document: return 0xa65628;
    }
    return 0x999999;
}

}  // namespace convgraph
