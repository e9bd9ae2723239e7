#include "lecs/auth/detail/common_passwords.hpp"

namespace lecs::auth::detail {

const std::vector<std::string_view>& common_passwords() {
    // Compared case-insensitively, so one spelling per password suffices.
    static const std::vector<std::string_view> list = {
        "Aa123456789!",   "Aa1234567890",    "Aa123456789.",  "Aa123456789@",  "Aa12345678!@",  "Aa123456!@#$",
        "Aa123123123!",   "Aa112233445566",  "Aa147258369!",  "Aa147258369.",  "Aa666666666!",  "Aa888888888!",
        "Aa520520520!",   "Aa5201314520",    "Aa1314520520",  "Aa0000000000",  "Aa11111111!!",  "Aa12345678@@",
        "A123456789a!",   "a123456789A!",    "Abc123456789",  "Abc@123456789", "Abc123!@#abc",  "Abcd1234!@#$",
        "Abcd@1234567",   "Abcd12345678",    "Abcdef123456",  "Abcdefg12345",  "abc123ABC123",  "ABCabc123456",
        "P@ssw0rd1234",   "P@ssword1234",    "Passw0rd1234",  "Password1234",  "Password123!",  "Password@123",
        "P@ssw0rd123!",   "P@$$w0rd1234",    "Pa$$w0rd1234",  "Pass@word123",  "Passw0rd!@#$",  "P@ssw0rd!@#$",
        "Password2020!",  "Password2021!",   "Password2022!", "Password2023!", "Password2024!", "Password2025!",
        "Password2026!",  "P@ssw0rd2024",    "P@ssw0rd2025",  "P@ssw0rd2026",  "Password!234",  "Passw0rd@123",
        "Qwer1234!@#$",   "Qwer1234qwer",    "Qwer!@#$1234",  "Qwerty123456",  "Qwerty@12345",  "Qwerty123!@#",
        "Qwertyuiop12",   "Qwertyuiop1!",    "Qwertyuiop@1",  "1234Qwer!@#$",  "1234qwerASDF",  "Qweasdzxc123",
        "Qweasdzxc!23",   "qweASDzxc123",    "123qweASD!@#",  "123qweasdZXC",  "Qaz123456789",  "Qazwsxedc123",
        "Qazwsxedc12!",   "Qazwsx123456",    "Qazwsx@12345",  "1qaz2wsx3edc",  "1qaz@WSX3edc",  "1qaz!QAZ2wsx",
        "!QAZ2wsx#EDC",   "1qaz2wsx#EDC",    "1QAZ2wsx3edc4", "Zaq12wsxcde3",  "Zaq1@wsx3edc",  "Zaq!2wsx3edc",
        "1q2w3e4r5t6y",   "1Q2w3e4r5t6y",    "1q2w3e4r!Q@W",  "1q2w3e4R5T6Y",  "Zxcv1234!@#$",  "Zxcvbnm12345",
        "Zxcvbnm@1234",   "Asdf1234!@#$",    "Asdfghjkl123",  "Asdfghjkl@12",  "Asdf@1234567",  "Asd123456789",
        "123456Aa!@#$",   "123456789Aa!",    "12345678Aa!@",  "123456Abc!@#",  "1234567890Qw",  "123456789Qq!",
        "Admin@123456",   "Admin123456!",    "Admin1234567",  "Admin@2024!!",  "Admin@2025!!",  "Admin@2026!!",
        "Administrator1", "Administrator@1", "Root@1234567",  "Root123456!!",  "Sysadmin@123",  "System@12345",
        "Welcome@1234",   "Welcome12345",    "Welcome2024!",  "Welcome2025!",  "Changeme1234",  "Changeme@123",
        "Letmein12345",   "Test@1234567",    "Test12345678",  "Guest@123456",  "User@1234567",  "Default@1234",
        "woaini1314520",  "Woaini1314!!",    "Woaini@1314",   "Woaini!1314",   "Woaini520!!!",  "woaini520131",
        "5201314woaini",  "5201314Aa!@",     "Wo@ini1314520", "Woaini123456",  "Iloveyou1314",  "ILoveYou520!",
        "Iloveyou123!",   "Iloveyou@123",    "Love1314520!",  "Aini1314520!",  "Woaiwojia123",  "Wangyi@12345",
        "Zhangwei1234",   "Wangwei12345",    "Liuyang12345",  "Lixiaolong12",  "Zhangsan@123",  "Lisi@1234567",
        "Zhongguo1234",   "Zhongguo@123",    "China@123456",  "China1234567",  "Chinese@1234",  "Beijing@2008",
        "Beijing12345",   "Shanghai@123",    "Hebei@123456",  "Hebei1234567",  "Xingtai@1234",  "Xingtai123456",
        "Xingtai@2024",   "Shijiazhuang1",   "Gov@12345678",  "Zhengfu@1234",  "Zhengfu12345",  "Zhifa@123456",
        "Jiandu@12345",   "Sifa@1234567",    "Sifaju@12345",  "Lecs@1234567",  "Lecs123456!!",  "Xt@123456789",
        "Huawei@12345",   "Huawei123456",    "Huawei@123!@",  "Baidu@123456",  "Taobao123456",  "Alibaba@1234",
        "Tencent@1234",   "Wechat123456",    "Qq123456789!",  "Qq1234567890",  "Qq@123456789",  "Xiaomi@12345",
        "Sunshine1234",   "Dragon123456",    "Monkey123456",  "Football1234",  "Baseball1234",  "Shadow123456",
        "Master123456",   "Superman1234",    "Batman123456",  "Trustno1!234",  "Princess1234",  "Starwars1234",
        "Whatever1234",   "Computer1234",    "Internet1234",  "Spring2024!!",  "Summer2024!!",  "Autumn2024!!",
        "Winter2024!!",   "Abc!@#123456",    "!@#$%^123456",  "!@#123qweASD",  "Aa!@#$%^&*()",  "1234567890Aa",
        "0123456789Aa",   "Aa0123456789",    "Aa9876543210",  "9876543210Aa",  "Aaa111222333",  "Aaaa11112222",
    };
    return list;
}

}  // namespace lecs::auth::detail
