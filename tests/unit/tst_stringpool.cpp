#include "model/StringPool.h"

#include <QTest>

#include <string>
#include <vector>

using namespace clv;

class TestStringPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testIdsAreDenseFromOneInFirstSeenOrder()
    {
        StringPool pool;
        QCOMPARE(pool.intern("b"), 1u);
        QCOMPARE(pool.intern("a"), 2u);
        QCOMPARE(pool.intern("b"), 1u);
        QCOMPARE(pool.find("a"), 2u);
        QCOMPARE(pool.find("c"), StringPool::kAbsent);
        QCOMPARE(pool.size(), 3u);
    }

    // A parsing worker refills its pool chunk after chunk: after clear() the pool must be as
    // a new one, whatever it held, its reused blocks too (strings larger than a block, more
    // strings than the first time).
    void testClearedPoolIsLikeANewOne()
    {
        StringPool pool;
        for (int round = 0; round < 4; ++round) {
            std::vector<std::string> texts;
            for (int i = 0; i < 3000 * (round + 1); ++i)
                texts.push_back("customer-" + std::to_string(round) + "-" + std::to_string(i));
            texts.push_back(std::string(5000 + round * 3000, char('a' + round))); // larger than the first blocks
            for (int i = 0; i < 500; ++i)
                texts.push_back("again-" + std::to_string(i));
            pool.clear();
            QCOMPARE(pool.size(), 1u);
            for (std::size_t i = 0; i < texts.size(); ++i)
                QCOMPARE(pool.intern(texts[i]), std::uint32_t(i + 1));
            for (std::size_t i = 0; i < texts.size(); ++i) {
                QCOMPARE(pool.view(std::uint32_t(i + 1)), std::string_view(texts[i]));
                QCOMPARE(pool.find(texts[i]), std::uint32_t(i + 1));
            }
            QCOMPARE(pool.find("customer-9-0"), StringPool::kAbsent);
        }
    }
};

QTEST_APPLESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
