// Extract: the house conventions applied to one Document, giving typed facts with provenance.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/document.hpp"
#include "convgraph/model.hpp"

#include <string>
#include <utility>
#include <vector>

namespace convgraph {

// A concept named somewhere in a note, in some role. Names are display spellings; identity
// (normalisation, aliases) is decided later, by resolution.
struct ConceptMention {
    std::string name;
    Role role = Role::concept_;
    SourceLoc loc;
    std::string description;  // "**Term**：description" text, when there is one
};

struct RelationFact {
    Relation relation = Relation::leads_to;
    std::string from;
    std::string to;
    SourceLoc loc;
    std::string label;        // a Mermaid arrow's label
    std::string description;  // list-item text
    std::vector<std::pair<std::string, std::string>> attributes;  // e.g. stroke, arrow heads
};

struct NamedAt {
    std::string name;
    SourceLoc loc;
};

// What one note contributes to the graph.
struct NoteFacts {
    std::string path;
    std::string title;    // the H1 text
    std::string series;   // the H1's series number ("03.3.1"), "" when none
    std::string subject;  // the H1 without its series number: itself a driver
    SourceLoc title_loc;
    std::vector<ConceptMention> mentions;
    std::vector<RelationFact> relations;
    std::vector<NamedAt> table_drivers;     // first column of driver tables, in order
    std::vector<NamedAt> overview_drivers;  // the subject's children in overview charts
};

// Applies the conventions of graph-model.md to `doc`. Concept-level facts only: links between
// notes are resolved by the pipeline, which sees every note.
NoteFacts extract_facts(const Document& doc, const Conventions& conv);

}  // namespace convgraph
