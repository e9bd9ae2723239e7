// The webhook outbox against a local receiver (a listening socket in this test).
#include "lecs/workflow/outbox.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "lecs/base/crypto.hpp"
#include "lecs/workflow/scheduler.hpp"
#include "lecs/workflow/test_fixture.hpp"

namespace lecs::workflow {
namespace {

using namespace lecs::workflow::testing;

struct Received {
    std::string head;  // request line and headers
    std::string body;
    std::string header(const std::string& name) const {
        auto p = head.find("\r\n" + name + ": ");
        if (p == std::string::npos) return {};
        p += name.size() + 4;
        return head.substr(p, head.find("\r\n", p) - p);
    }
};

// Answers 500 to the first `failures` requests and 200 afterwards.
class Receiver {
  public:
    explicit Receiver(int failures) : failures_(failures) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        EXPECT_EQ(::listen(fd_, 8), 0);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~Receiver() {
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks/lecs"; }
    std::vector<Received> received() {
        std::lock_guard lock(mu_);
        return got_;
    }

  private:
    void serve() {
        for (;;) {
            int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            std::string data;
            char buf[4096];
            size_t need = std::string::npos;
            while (true) {
                auto end = data.find("\r\n\r\n");
                if (end != std::string::npos && need == std::string::npos) {
                    Received tmp{data.substr(0, end + 2), {}};
                    need = end + 4 + std::stoul(tmp.header("Content-Length"));
                }
                if (need != std::string::npos && data.size() >= need) break;
                ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0) break;
                data.append(buf, static_cast<size_t>(n));
            }
            auto end = data.find("\r\n\r\n");
            int served;
            {
                std::lock_guard lock(mu_);
                got_.push_back(Received{data.substr(0, end + 2), data.substr(end + 4)});
                served = static_cast<int>(got_.size());
            }
            std::string resp = served <= failures_ ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
                                                   : "HTTP/1.1 204 No Content\r\n\r\n";
            ::send(c, resp.data(), resp.size(), MSG_NOSIGNAL);
            ::close(c);
        }
    }

    int failures_;
    int fd_ = -1;
    int port_ = 0;
    std::thread thread_;
    std::mutex mu_;
    std::vector<Received> got_;
};

class OutboxTest : public WorkflowDbTest {};

constexpr int64_t kT = 1772071200000;  // 2026-02-26T02:00Z

TEST_P(OutboxTest, RetriesWithBackoffUntilDeliveredWithOneIdempotencyKey) {
    Receiver rx(2);
    Outbox outbox(*keys_);
    const std::string payload = R"({"kind":"reminder.overdue","deadline":"501"})";
    database().write([&](db::Tx& tx) {
        outbox.add_endpoint(tx, rx.url(), "endpoint-secret-1", kT);
        Outbox::enqueue(tx, "webhook", rx.url(), payload, "reminder:501:overdue", kT);
        // The same key again is the same message.
        Outbox::enqueue(tx, "webhook", rx.url(), payload, "reminder:501:overdue", kT);
    });
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);

    auto r1 = outbox.deliver_due(database(), kT);  // 500
    EXPECT_EQ(r1.attempted, 1);
    EXPECT_EQ(r1.failed, 1);
    EXPECT_EQ(count("SELECT next_attempt_at FROM outbox"), kT + 1000);
    EXPECT_EQ(outbox.deliver_due(database(), kT + 999).attempted, 0);  // not yet due
    auto r2 = outbox.deliver_due(database(), kT + 1000);               // 500 again
    EXPECT_EQ(r2.failed, 1);
    EXPECT_EQ(count("SELECT next_attempt_at FROM outbox"), kT + 1000 + 2000);
    auto r3 = outbox.deliver_due(database(), kT + 3000);  // accepted
    EXPECT_EQ(r3.delivered, 1);
    EXPECT_EQ(outbox.deliver_due(database(), kT + 100000).attempted, 0);

    EXPECT_EQ(count("SELECT attempts FROM outbox"), 3);
    EXPECT_EQ(count("SELECT delivered_at FROM outbox"), kT + 3000);
    auto got = rx.received();
    ASSERT_EQ(got.size(), 3u);
    const std::string timestamps[] = {"1772071200000", "1772071201000", "1772071203000"};
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].head.substr(0, 27), "POST /hooks/lecs HTTP/1.1\r\n");
        EXPECT_EQ(got[i].body, payload);
        EXPECT_EQ(got[i].header("X-LECS-Idempotency-Key"), "reminder:501:overdue");
        EXPECT_EQ(got[i].header("X-LECS-Timestamp"), timestamps[i]);
        const std::string expected_sig =
            crypto::hex(crypto::hmac_sm3("endpoint-secret-1", timestamps[i] + "." + payload));
        EXPECT_EQ(got[i].header("X-LECS-Signature"), expected_sig);
    }
}

TEST_P(OutboxTest, UnreachableReceiverIsRetriedNotLost) {
    Outbox outbox(*keys_);
    std::string url;
    {
        Receiver gone(0);
        url = gone.url();
    }  // closed: connection refused from now on
    database().write([&](db::Tx& tx) {
        outbox.add_endpoint(tx, url, "s", kT);
        Outbox::enqueue(tx, "webhook", url, "{}", "k-1", kT);
    });
    auto r = outbox.deliver_due(database(), kT);
    EXPECT_EQ(r.failed, 1);
    EXPECT_EQ(count("SELECT attempts FROM outbox"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND last_error LIKE 'connect:%'"), 1);
}

TEST_P(OutboxTest, NoEndpointForTheUrlIsAFailedAttempt) {
    Outbox outbox(*keys_);
    database().write([&](db::Tx& tx) { Outbox::enqueue(tx, "webhook", "http://127.0.0.1:9/x", "{}", "k-2", kT); });
    EXPECT_EQ(outbox.deliver_due(database(), kT).failed, 1);
    auto err = database().read([](db::Tx& tx) { return tx.query_one("SELECT last_error FROM outbox")->str(0); });
    EXPECT_EQ(err, "no active webhook endpoint for the url");
}

TEST_P(OutboxTest, SchedulerFeedsTheWebhookOnceAndDeliversIt) {
    Receiver rx(0);
    Outbox outbox(*keys_);
    int64_t endpoint = 0;
    database().write([&](db::Tx& tx) { endpoint = outbox.add_endpoint(tx, rx.url(), "sec", k0212); });
    int64_t id = make_deadline(D("2026-02-12"), 5, calendar::Unit::kWorkingDays, k0212, 501);  // due 02-26
    Scheduler s(database(), "node-a", *calendar_, {}, &outbox);
    auto r = s.tick(k0227);
    EXPECT_EQ(r.fired, 1);
    EXPECT_EQ(r.delivered, 1);
    EXPECT_EQ(s.tick(k0227 + 1000).delivered, 0);
    auto got = rx.received();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].header("X-LECS-Idempotency-Key"),
              "reminder:" + std::to_string(id) + ":overdue:2026-02-26:" + std::to_string(endpoint));
    auto payload = boost::json::parse(got[0].body).as_object();
    EXPECT_EQ(payload.at("kind").as_string(), "reminder.overdue");
    EXPECT_EQ(payload.at("due_date").as_string(), "2026-02-26");
    EXPECT_EQ(payload.at("owner_id").as_string(), "501");
}

INSTANTIATE_TEST_SUITE_P(Db, OutboxTest, lecs::testing::db_kinds(), lecs::testing::db_kind_name);

}  // namespace
}  // namespace lecs::workflow
