#include "indexer/index_targets.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "core/errors.h"
#include "core/metadata.h"
#include "core/sharding.h"
#include "core/slots.h"
#include "core/terms.h"
#include "indexer/db_files.h"
#include "indexer/spelling.h"

namespace bw {
namespace {

// Whether `path` is a database directory whose creation was interrupted (a crash between Xapian
// making the directory and writing its first revision file, iamglass): no revision was ever
// committed, so its files hold nothing and can be removed.
bool is_interrupted_creation(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec) || fs::exists(fs::path(path) / "iamglass", ec)) return false;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        const std::string name = entry.path().filename().string();
        const bool xapian_file = name == "flintlock" || name.ends_with(".glass") || name.ends_with(".tmp");
        if (!xapian_file || !entry.is_regular_file(ec)) return false;
    }
    return !ec;
}

Xapian::WritableDatabase open_writable(const std::string& path, int flags = Xapian::DB_CREATE_OR_OPEN) {
    try {
        try {
            return Xapian::WritableDatabase(path, flags);
        } catch (const Xapian::DatabaseNotFoundError&) {
            if (flags != Xapian::DB_CREATE_OR_OPEN || !is_interrupted_creation(path)) throw;
            std::error_code ec;
            for (const auto& entry : std::filesystem::directory_iterator(path, ec)) std::filesystem::remove(entry.path(), ec);
            return Xapian::WritableDatabase(path, flags);
        }
    } catch (const Xapian::DatabaseLockError&) {
        throw DatabaseError(path + ": the database is being written by another process (locked); "
                            "wait for it to finish and run again");
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path + ": cannot open the database: " + e.get_description());
    }
}

// Checks that the schemas of this run match what the database was built with.
void check_schemas(const Xapian::Database& db, const SchemaSet& schemas) {
    if (!has_metadata(db)) return;
    SchemaSet stored = read_schemas(db);
    for (const auto& [type, schema] : schemas.all()) {
        const Schema* existing = stored.find(type);
        if (existing && existing->to_json() != schema.to_json() &&
            !db.get_metadata(std::string(kSchemaKeyPrefix) + type).empty()) {
            throw UsageError("the database holds " + type + " documents indexed with a different " + type +
                             " schema; index into a new database or use the same --schema");
        }
    }
}

}  // namespace

// One database the run writes, with its writer.
struct IndexTargets::Target {
    std::string path;
    std::string shard_metadata;  // kShardKey's value; "" for a plain database
    std::optional<Xapian::WritableDatabase> db;
    std::optional<DirectWriter> direct;      // direct writing
    std::unique_ptr<ShardedBulkLoad> bulk;   // bulk load
};

namespace {

// A shard must be the one its place in the archive says (a shard's metadata is written with its
// first commit), and a plain database must not be a shard taken out of an archive.
void check_shard(const IndexTargets::Target& target, bool in_archive) {
    const std::string recorded = target.db->get_metadata(kShardKey);
    if (in_archive) {
        if (recorded.empty() && target.db->get_doccount() > 0) {
            throw DatabaseError(target.path + ": holds documents but is not a shard of this archive");
        }
        if (!recorded.empty() && recorded != target.shard_metadata) {
            throw DatabaseError(target.path + ": is the shard " + recorded + ", expected " + target.shard_metadata);
        }
    } else if (!recorded.empty()) {
        throw DatabaseError(target.path + ": is the shard " + recorded +
                            " of a sharded archive: index into the archive's directory");
    }
}

}  // namespace

IndexTargets::IndexTargets(const std::string& path, const std::optional<ShardedArchive>& archive,
                           const SchemaSet& schemas, const TargetSettings& settings, std::ostream& err)
    : schemas_(schemas), settings_(settings) {
    const unsigned count = archive ? archive->shards : 1;
    unsigned long long last_committed = 0;
    bool all_empty = true;
    for (unsigned k = 0; k < count; ++k) {
        auto target = std::make_unique<Target>();
        target->path = archive ? archive->shard_path(k) : path;
        if (archive) target->shard_metadata = archive->shard_metadata(k);
        target->db.emplace(open_writable(target->path));
        check_schemas(*target->db, schemas);
        check_shard(*target, archive.has_value());
        last_committed = std::max(last_committed, committed_generation(*target->db));
        all_empty = all_empty && target->db->get_doccount() == 0;
        targets_.push_back(std::move(target));
    }
    first_generation_ = last_committed + 1;

    if (!settings_.single_writer && all_empty) {
        const unsigned writers = settings_.threads > 1 ? (settings_.threads + count - 1) / count : 0;
        try {
            for (auto& target : targets_) {
                target->bulk = std::make_unique<ShardedBulkLoad>(target->path, writers, settings_.batch);
            }
            bulk_ = true;
        } catch (const DatabaseError& e) {
            // No room for scratch databases next to the target (e.g. a read-only parent directory).
            for (auto& target : targets_) target->bulk.reset();
            err << "bellwether-index: warning: " << e.what() << "; writing with a single writer\n";
        }
    }
    if (!bulk_) {
        for (auto& target : targets_) {
            if (settings_.strict) target->db->begin_transaction(true);
            write_metadata(*target->db, schemas_);
            if (!target->shard_metadata.empty()) target->db->set_metadata(kShardKey, target->shard_metadata);
            target->direct.emplace(*target->db, first_generation_);
        }
        std::vector<Xapian::WritableDatabase*> databases;
        for (auto& target : targets_) databases.push_back(&*target->db);
        copy_groups_.emplace(std::move(databases));
    }
}

IndexTargets::~IndexTargets() = default;

IndexTargets::Target& IndexTargets::target_for(const std::string& id) {
    return *targets_[shard_for_id(id, static_cast<unsigned>(targets_.size()))];
}

std::vector<const Xapian::Database*> IndexTargets::databases() const {
    std::vector<const Xapian::Database*> out;
    for (const auto& target : targets_) {
        if (target->db) out.push_back(&*target->db);
    }
    return out;
}

std::string IndexTargets::stored_key(const Target& target, const std::string& id) {
    auto it = target.db->postlist_begin(id_term(id));
    if (it == target.db->postlist_end(id_term(id))) return {};
    return target.db->get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(kSlotDupKey);
}

bool IndexTargets::put(const std::string& id, Xapian::Document&& document) {
    Target& target = target_for(id);
    add_copy_key_term(document);
    if (bulk_) {
        // A single writer commits every --batch documents and moves to the next generation
        // (--strict: one transaction, one generation).
        const unsigned long long generation =
            settings_.strict ? first_generation_ : first_generation_ + puts_ / settings_.batch;
        ++puts_;
        return target.bulk->put(id, std::move(document), generation);
    }
    ++puts_;
    copy_groups_->note_removed(stored_key(target, id));
    copy_groups_->note_added(document.get_value(kSlotDupKey));
    const bool replaced = target.direct->put(id, std::move(document));
    if (++pending_ >= settings_.batch && !settings_.strict) commit_batch();
    return replaced;
}

bool IndexTargets::remove(const std::string& id) {
    Target& target = target_for(id);
    const std::string term = id_term(id);
    if (bulk_ || !target.db->term_exists(term)) return false;
    copy_groups_->note_removed(stored_key(target, id));
    target.db->delete_document(term);
    ++pending_;  // counts towards the next batch commit
    return true;
}

void IndexTargets::commit_batch() {
    copy_groups_->sync();
    for (auto& target : targets_) {
        if (before_commit_) before_commit_(*target->db);
        target->direct->commit_batch();
    }
    pending_ = 0;
}

unsigned long long IndexTargets::last_bulk_generation() const {
    if (settings_.strict) return first_generation_;
    return puts_ == 0 ? 0 : first_generation_ + (puts_ - 1) / settings_.batch;
}

// Merges every target's chunks, brings the copy groups up to date over all of them (a bulk load's
// chunks cannot see each other's keys), completes each merged database (metadata, spelling data
// and commit record, committed) and only then puts it in place of the (empty) target, so a crash
// at any moment leaves each target either empty or complete.
void IndexTargets::finish_bulk(bool changed) {
    std::vector<std::optional<std::filesystem::path>> merged;
    std::vector<std::optional<Xapian::WritableDatabase>> results(targets_.size());
    std::vector<Xapian::WritableDatabase*> databases;
    for (std::size_t i = 0; i < targets_.size(); ++i) {
        Target& target = *targets_[i];
        merged.push_back(target.bulk->merge());
        if (merged[i]) {
            results[i].emplace(merged[i]->string(), Xapian::DB_OPEN);
            target.bulk->apply_replacements(*results[i]);
            databases.push_back(&*results[i]);
        } else {
            databases.push_back(&*target.db);  // no document went to this target
        }
    }
    CopyGroups(databases).sync_all();
    for (std::size_t i = 0; i < targets_.size(); ++i) {
        Target& target = *targets_[i];
        Xapian::WritableDatabase& db = *databases[i];
        write_metadata(db, schemas_);
        if (!target.shard_metadata.empty()) db.set_metadata(kShardKey, target.shard_metadata);
        if (auto generation = last_bulk_generation()) db.set_metadata(kGenerationKey, std::to_string(generation));
        if (changed) update_spelling(db);
        if (before_commit_) before_commit_(db);
        db.commit();
        if (merged[i]) {
            results[i]->close();
            results[i].reset();
            target.db->close();
            target.db.reset();
            swap_in_database(target.path, *merged[i], target.bulk->scratch());
            target.db.emplace(open_writable(target.path, Xapian::DB_OPEN));
        }
        target.bulk.reset();  // removes the scratch directory
    }
}

void IndexTargets::finish_direct(Target& target, bool changed) {
    Xapian::WritableDatabase& db = *target.db;
    if (settings_.strict) {
        update_spelling(db);
        target.direct->record_generation();
        if (before_commit_) before_commit_(db);
        db.commit_transaction();
        return;
    }
    if (pending_ > 0) target.direct->record_generation();
    if (before_commit_) before_commit_(db);  // always, even when the last batch was empty
    db.commit();
    if (changed) {
        update_spelling(db);
        db.commit();
    }
}

void IndexTargets::finish(bool changed) {
    if (bulk_) {
        finish_bulk(changed);
    } else {
        copy_groups_->sync();  // the last batch's keys, over all targets, before their final commits
        for (auto& target : targets_) finish_direct(*target, changed);
    }
    for (auto& target : targets_) target->db->close();
}

void IndexTargets::discard() {
    for (auto& target : targets_) {
        if (bulk_) target->bulk.reset();
        else if (settings_.strict) target->db->cancel_transaction();
        target->db->close();
    }
}

}  // namespace bw
