// bellwether-serve's static files: only files inside the web directory, never a path out of it.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/errors.h"
#include "server/static_files.h"
#include "test_support.h"

namespace bw {
namespace {

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        web_ = dir_.path() / "web";
        std::filesystem::create_directories(web_ / "css");
        std::ofstream(web_ / "index.html") << "<!doctype html><title>t</title>";
        std::ofstream(web_ / "css" / "site.css") << "body{}";
        std::ofstream(dir_.path() / "secret.txt") << "root:x:0:0";
        std::filesystem::create_symlink(dir_.path() / "secret.txt", web_ / "link.txt");
    }
    test::TempDir dir_;
    std::filesystem::path web_;
};

TEST_F(StaticFilesTest, ServesFilesOfTheDirectoryWithTypesAndEtags) {
    StaticFiles files(web_.string());
    EXPECT_EQ(files.size(), 2u);
    const StaticFile* index = files.find("/");
    ASSERT_NE(index, nullptr);
    EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(index->cache_control, "no-cache");
    EXPECT_EQ(index->etag.size(), 18u);
    EXPECT_EQ(index->etag.front(), '"');
    EXPECT_EQ(files.find("/index.html"), index);
    const StaticFile* css = files.find("/css/site.css");
    ASSERT_NE(css, nullptr);
    EXPECT_EQ(css->content, "body{}");
    EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
    EXPECT_NE(css->etag, index->etag);
}

TEST_F(StaticFilesTest, NeverLeavesTheDirectory) {
    StaticFiles files(web_.string());
    for (const char* path : {"/../secret.txt", "/css/../../secret.txt", "/css/../index.html", "/./index.html",
                             "//index.html", "/css//site.css", "/link.txt", "/css\\..\\..\\secret.txt", "index.html",
                             "", "/css/", "/nothing.html", "/index.html/"}) {
        EXPECT_EQ(files.find(path), nullptr) << path;
    }
    std::string with_nul("/index.html\0.png", 16);
    EXPECT_EQ(files.find(with_nul), nullptr);
}

TEST_F(StaticFilesTest, RejectsAMissingDirectory) {
    EXPECT_THROW(StaticFiles((dir_.path() / "nope").string()), UsageError);
}

TEST(ContentType, ByExtension) {
    EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("logo.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("data.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace bw
