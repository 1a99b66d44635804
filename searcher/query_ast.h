// The query grammar's syntax tree (internal to the searcher): the lexer (query_lexer.h) cuts the
// text into tokens, the syntax parser (query_parser.cc) builds this tree and reports syntax errors,
// and the builder (query_builder.h) turns it into a Xapian::Query. A run of juxtaposed terms is one
// flat Seq node, so the tree is only as deep as the parentheses (which are limited), however long
// the query is.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bw::query {

// Parentheses deeper than this are a syntax error (keeps recursion bounded on hostile input).
inline constexpr std::size_t kMaxNesting = 64;

enum class NodeKind {
    Or,      // children: the alternatives (two or more)
    Seq,     // children: terms written side by side or joined by AND (see Node::mod, Node::and_joined)
    Word,    // text: the word as written (without a trailing '*'); wildcard: it had one
    Phrase,  // text: what was between the quotes
    Field,   // text: the field name as written; children: its value (one Word, Phrase, Or or Seq)
};

// How a term of a Seq takes part in it.
enum class Modifier {
    None,      // the default operator decides (or AND, when and_joined)
    Required,  // +term
    Excluded,  // -term, NOT term
};

struct Node {
    NodeKind kind = NodeKind::Seq;
    std::size_t pos = 0;       // 1-based character position where the node starts
    std::string text;
    std::size_t text_pos = 0;  // 1-based character position of `text` (Word, Phrase, Field value)
    bool wildcard = false;
    // As a term of a Seq:
    Modifier mod = Modifier::None;
    bool and_joined = false;  // next to an explicit AND: required whatever the default operator
    bool after_and = false;   // an explicit AND comes right before it
    std::vector<Node> children;
};

}  // namespace bw::query
