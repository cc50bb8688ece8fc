// Document: the model of one note as the Markdown parser sees it, each part with its place.
#pragma once

#include "convgraph/mermaid.hpp"
#include "convgraph/source_loc.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace convgraph {

struct Heading {
    int level = 1;
    std::string text;     // plain text ("三、Scaling Law 驱动力")
    std::string number;   // section number as written ("三", "3.1", "03.3.1"), "" when none
    std::string title;    // the text after the number and its separator ("Scaling Law 驱动力")
    std::string anchor;   // the GitHub anchor, unique within the document
    int parent = -1;      // index of the enclosing heading of a lower level, -1 for none
    SourceLoc loc;
};

// A paragraph or list item: "**Label**：text" gives label and text; otherwise label is empty.
struct LabeledText {
    std::string label;
    std::string text;
    SourceLoc loc;        // start of the paragraph or item
    SourceLoc label_loc;  // start of the bold label (== loc when there is none)
    SourceLoc text_loc;   // start of the text after the label
};

struct Paragraph {
    LabeledText content;
};

struct ListBlock {
    bool ordered = false;
    int depth = 0;  // 0 for a top-level list, 1 for a list inside a list item, …
    std::vector<LabeledText> items;
    SourceLoc loc;
};

struct TableCell {
    std::string text;
    SourceLoc loc;
};

struct Table {
    std::vector<TableCell> header;
    std::vector<std::vector<TableCell>> rows;  // GFM pads or truncates rows to the header's width
    std::vector<int> source_cells;             // per row: the cells written in the source line
    SourceLoc loc;
};

struct CodeBlock {
    std::string info;        // the fence's info string ("mermaid")
    std::string text;        // the literal content
    SourceLoc loc;           // the opening fence
    SourceLoc content_loc;   // first content line, column where content starts
    std::optional<MermaidChart> chart;  // parsed when info is "mermaid"
};

struct Block {
    int heading = -1;  // index of the innermost heading above the block, -1 before any
    std::variant<Paragraph, ListBlock, Table, CodeBlock> content;
};

struct Link {
    std::string destination;  // as written
    std::string text;
    int heading = -1;
    SourceLoc loc;
};

struct Document {
    std::string path;  // relative to the corpus root, '/'-separated
    std::vector<Heading> headings;
    std::vector<Block> blocks;  // in document order
    std::vector<Link> links;

    // The H1 (the first level-1 heading), or nullptr.
    const Heading* title() const;
    bool has_anchor(std::string_view anchor) const;
};

// Splits "03.3.1-技术收敛驱动力" / "三、概述" / "3.1 作用机制" / "1. Overview" into number and title.
void split_section_number(std::string_view text, std::string& number, std::string& title);

}  // namespace convgraph
