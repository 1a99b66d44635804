// Bellwether's query grammar -> AST -> Xapian::Query. Query text goes through the same Analyzer as
// the indexed text, so terms always agree with the index.
//
//   query    := or_expr
//   or_expr  := and_expr ( "OR" and_expr )*
//   and_expr := unary ( ["AND"] unary | "NOT" unary )*        (juxtaposition = default operator)
//   unary    := ("-" | "+" | "NOT") unary | primary
//   primary  := "(" or_expr ")" | "\"phrase\"" | field ":" value | word | word "*"
//   value    := word | "\"phrase\"" | range          range := [lo] ".." [hi]
//
// Words become stemmed Z-terms (all forms match), "phrases" exact positional terms, `word*` a
// wildcard over the unprefixed vocabulary. `field:value` on a keyword field is a boolean filter
// (values of one field ORed, different fields ANDed, no effect on the score); on a text field it
// searches that field only; on a date or number field it is a value range (date:2026-03,
// date:2026-03-01..2026-03-31, strength:7..). Operators are case-sensitive (AND, OR, NOT).
// `type:article|signal`, `id:<id>` and `stated:<company or ticker>` are always available.
//
// Implementation: query_lexer.h (tokens and the lexical rules), query_parser.cc (syntax tree,
// syntax errors), query_builder.h (tree -> Xapian::Query; how terms, filters and exclusions are
// combined). Queries of any length parse without deep recursion; parentheses may nest 64 deep.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/analyzer.h"
#include "core/dates.h"
#include "core/entities.h"
#include "searcher/field_table.h"

namespace bw {

// Which operator joins terms written side by side.
enum class DefaultOperator { And, Or };

// The result of parsing: the Xapian query plus what the snippet highlighter needs.
struct ParsedQuery {
    Xapian::Query query;                   // match_all_query() when the text has no terms
    bool has_free_text = false;            // false for empty or filter-only queries
    std::vector<std::string> highlight_terms;  // normalised words (unstemmed) from positive free text
    std::vector<std::string> highlight_stems;  // their stems
};

class QueryParser {
public:
    // `now` anchors relative dates (date:7d). `entities` resolves company names and tickers
    // (query_builder.h); nullptr turns entity resolution off (the plain grammar).
    QueryParser(const FieldTable& fields, const Analyzer& analyzer,
                DefaultOperator default_op = DefaultOperator::And, Timestamp now = now_utc(),
                const EntityRegistry* entities = &EntityRegistry::builtin());

    // Throws QuerySyntaxError (with the 1-based position) for unbalanced quotes or parentheses,
    // an operator with no operand, an unknown field, a bad range or date.
    ParsedQuery parse(std::string_view text) const;

    // Leave English function words ("the", "of") out of optional (ORed) free-text terms, unless
    // every term is one; phrases, +required and field terms keep them.
    void set_drop_stopwords(bool drop) { drop_stopwords_ = drop; }

private:
    const FieldTable& fields_;
    const Analyzer& analyzer_;
    DefaultOperator default_op_;
    Timestamp now_;
    const EntityRegistry* entities_;
    bool drop_stopwords_ = false;
};

}  // namespace bw
