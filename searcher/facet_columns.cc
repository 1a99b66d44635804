#include "searcher/facet_columns.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/analyzer.h"
#include "core/multivalue.h"

namespace bw {

std::unique_ptr<FacetColumn> FacetColumn::read(const Xapian::Database& db, Xapian::valueno slot, bool multi) {
    auto column = std::make_unique<FacetColumn>();
    column->multi_ = multi;
    const auto documents = static_cast<std::size_t>(db.get_lastdocid()) + 1;  // docids 1..last; 0 unused
    if (multi) column->starts_.assign(documents + 1, 0);
    else column->values_.assign(documents, 0);
    // A stored value (a whole list) -> its members, decoded once: archives repeat the same lists.
    std::unordered_map<std::string, std::vector<std::uint32_t>> members_of;
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
    // The value stream runs in docid order, so a multi column's members are appended in docid
    // order and starts_ holds each document's count until the prefix sum below.
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const Xapian::docid did = it.get_docid();
        if (did >= documents) continue;  // cannot happen within one revision
        std::string value = *it;
        if (value.empty()) continue;
        auto [entry, fresh] = members_of.try_emplace(std::move(value));
        if (fresh) {
            if (multi) {
                for (std::string_view member : decode_values(entry->first))
                    if (!member.empty()) entry->second.push_back(member_id(member));
            } else {
                entry->second.push_back(member_id(entry->first));
            }
        }
        if (multi) {
            column->values_.insert(column->values_.end(), entry->second.begin(), entry->second.end());
            column->starts_[did + 1] = static_cast<std::uint32_t>(entry->second.size());
        } else {
            column->values_[did] = entry->second.front() + 1;
        }
    }
    for (std::size_t d = 1; d < column->starts_.size(); ++d) column->starts_[d] += column->starts_[d - 1];
    column->values_.shrink_to_fit();
    column->names_.reserve(name_storage.size());
    for (auto& name : name_storage) column->names_.push_back(std::move(*name));
    std::unordered_map<std::string, std::uint32_t> group_of;  // case-folded value -> group
    column->fold_group_.reserve(column->names_.size());
    for (const auto& name : column->names_)
        column->fold_group_.push_back(group_of.try_emplace(Analyzer::fold(name), static_cast<std::uint32_t>(group_of.size())).first->second);
    column->fold_groups_ = group_of.size();
    return column;
}

std::map<std::string, std::size_t> FacetColumn::value_counts(const std::vector<std::uint32_t>& per_member) const {
    std::map<std::string, std::size_t> counts;
    for (std::size_t m = 0; m < per_member.size() && m < names_.size(); ++m)
        if (per_member[m]) counts.emplace(names_[m], per_member[m]);
    return counts;
}

std::vector<FacetValue> FacetColumn::top_values(const std::vector<std::uint32_t>& per_member, std::size_t limit) const {
    // As bw::top_values: per folded value the total and the most frequent spelling (ties: the
    // smallest string), then by count descending and value ascending.
    struct Group {
        std::size_t total = 0;
        std::int64_t best = -1;  // member index
    };
    std::vector<Group> groups(fold_groups_);
    for (std::size_t m = 0; m < per_member.size() && m < names_.size(); ++m) {
        if (!per_member[m]) continue;
        Group& group = groups[fold_group_[m]];
        group.total += per_member[m];
        if (group.best < 0 || per_member[m] > per_member[group.best] ||
            (per_member[m] == per_member[group.best] && names_[m] < names_[group.best]))
            group.best = static_cast<std::int64_t>(m);
    }
    std::vector<const Group*> counted;
    for (const Group& group : groups)
        if (group.total) counted.push_back(&group);
    auto before = [this](const Group* a, const Group* b) {
        return a->total != b->total ? a->total > b->total : names_[a->best] < names_[b->best];
    };
    const std::size_t keep = limit ? std::min(limit, counted.size()) : counted.size();
    std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(keep), counted.end(), before);
    std::vector<FacetValue> out;
    out.reserve(keep);
    for (std::size_t i = 0; i < keep; ++i) out.push_back({names_[counted[i]->best], counted[i]->total});
    return out;
}

std::size_t FacetColumn::memory_bytes() const {
    std::size_t bytes = (starts_.capacity() + values_.capacity() + fold_group_.capacity()) * sizeof(std::uint32_t);
    for (const auto& name : names_) bytes += sizeof(std::string) + (name.size() > 15 ? name.capacity() : 0);
    return bytes;
}

std::size_t FacetColumnSpy::add(const FacetColumn& column) {
    tallies_.push_back({&column, std::vector<std::uint32_t>(column.member_count(), 0)});
    return tallies_.size() - 1;
}

std::map<std::string, std::size_t> FacetColumnSpy::value_counts(std::size_t tally) const {
    return tallies_.at(tally).column->value_counts(tallies_.at(tally).per_member);
}

std::vector<FacetValue> FacetColumnSpy::top_values(std::size_t tally, std::size_t limit) const {
    return tallies_.at(tally).column->top_values(tallies_.at(tally).per_member, limit);
}

}  // namespace bw
