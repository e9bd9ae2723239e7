// Password hashing with PBKDF2-HMAC-SM3 (REQUIREMENTS §3: ≥310 000 iterations
// in production, 128-bit salt).
//
// Contract: the stored form is "pbkdf2-sm3$<iterations>$<salt b64>$<hash b64>",
// so a hash made under an older iteration count still verifies after the
// configured count is raised. verify_password() compares in constant time and
// returns false for a malformed stored value (never throws for it).
#pragma once

#include <string>
#include <string_view>

namespace lecs::auth {

std::string hash_password(std::string_view password, int iterations);
bool verify_password(std::string_view password, std::string_view stored);
// Spends the same work as one verification, for names that do not exist, so the
// time of the answer does not tell whether an account exists.
void burn_password_work(std::string_view password, int iterations);

}  // namespace lecs::auth
