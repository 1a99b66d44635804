#include "searcher/facet_columns.h"

#include <string_view>
#include <unordered_map>

#include "core/multivalue.h"

namespace bw {

std::unique_ptr<FacetColumn> FacetColumn::read(const Xapian::Database& db, Xapian::valueno slot, bool multi) {
    auto column = std::make_unique<FacetColumn>();
    column->ordinals_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
    column->member_begin_ = {0, 0};  // ordinal 0: no value, no members
    std::unordered_map<std::string, std::uint32_t> ordinal_of;  // the stored value (a whole list) -> ordinal
    std::unordered_map<std::string_view, std::uint32_t> name_index;
    std::vector<std::unique_ptr<std::string>> name_storage;  // stable addresses for name_index's keys
    auto member_id = [&](std::string_view member) {
        auto found = name_index.find(member);
        if (found != name_index.end()) return found->second;
        name_storage.push_back(std::make_unique<std::string>(member));
        const auto id = static_cast<std::uint32_t>(name_storage.size() - 1);
        name_index.emplace(*name_storage.back(), id);
        return id;
    };
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const Xapian::docid did = it.get_docid();
        if (did >= column->ordinals_.size()) continue;  // cannot happen within one revision
        std::string value = *it;
        if (value.empty()) continue;
        auto [entry, fresh] = ordinal_of.try_emplace(std::move(value), static_cast<std::uint32_t>(ordinal_of.size() + 1));
        if (fresh) {
            if (multi) {
                for (std::string_view member : decode_values(entry->first))
                    if (!member.empty()) column->members_.push_back(member_id(member));
            } else {
                column->members_.push_back(member_id(entry->first));
            }
            column->member_begin_.push_back(static_cast<std::uint32_t>(column->members_.size()));
        }
        column->ordinals_[did] = entry->second;
    }
    column->names_.reserve(name_storage.size());
    for (auto& name : name_storage) column->names_.push_back(std::move(*name));
    column->members_.shrink_to_fit();
    column->member_begin_.shrink_to_fit();
    return column;
}

std::map<std::string, std::size_t> FacetColumn::value_counts(const std::vector<std::uint32_t>& per_ordinal) const {
    std::vector<std::size_t> per_member(names_.size(), 0);
    for (std::size_t o = 1; o < per_ordinal.size() && o < member_begin_.size() - 1; ++o) {
        if (!per_ordinal[o]) continue;
        for (std::uint32_t m = member_begin_[o]; m < member_begin_[o + 1]; ++m) per_member[members_[m]] += per_ordinal[o];
    }
    std::map<std::string, std::size_t> counts;
    for (std::size_t m = 0; m < per_member.size(); ++m)
        if (per_member[m]) counts.emplace(names_[m], per_member[m]);
    return counts;
}

std::size_t FacetColumn::memory_bytes() const {
    std::size_t bytes = (ordinals_.capacity() + member_begin_.capacity() + members_.capacity()) * sizeof(std::uint32_t);
    for (const auto& name : names_) bytes += sizeof(std::string) + (name.size() > 15 ? name.capacity() : 0);
    return bytes;
}

std::size_t FacetColumnSpy::add(const FacetColumn& column) {
    tallies_.push_back({&column, std::vector<std::uint32_t>(column.ordinal_count() + 1, 0)});
    return tallies_.size() - 1;
}

void FacetColumnSpy::operator()(const Xapian::Document& doc, double) {
    const Xapian::docid did = doc.get_docid();
    for (auto& tally : tallies_) ++tally.per_ordinal[tally.column->ordinal(did)];
}

std::map<std::string, std::size_t> FacetColumnSpy::value_counts(std::size_t tally) const {
    return tallies_.at(tally).column->value_counts(tallies_.at(tally).per_ordinal);
}

}  // namespace bw
