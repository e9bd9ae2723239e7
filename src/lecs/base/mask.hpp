// Masking of personal information for display (PIPL Art 51: minimise what
// each screen, export and log line reveals).
//
// Contract: pure functions on UTF-8 text, counted in code points. They never
// throw and never reveal more than their rule: an input too short for the rule
// to hide anything is masked entirely (every code point becomes '*').
#pragma once

#include <string>
#include <string_view>

namespace lecs {

// 身份证号: first 3 and last 4 shown, the rest '*'.
// "130503199001011234" -> "130***********1234". Fewer than 8 code points: all '*'.
std::string mask_id_number(std::string_view id_number);

// 手机号: first 3 and last 4 shown. "13812345678" -> "138****5678".
// Fewer than 8 code points: all '*'.
std::string mask_phone(std::string_view phone);

// 姓名: two characters keep the first ("张三" -> "张*"); three or more keep the
// first and the last ("张三丰" -> "张*丰", "欧阳小明" -> "欧**明"); one
// character is masked entirely ("张" -> "*").
std::string mask_name(std::string_view name);

}  // namespace lecs
