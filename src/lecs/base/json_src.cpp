// Boost.JSON and Boost.URL compiled once for the whole program (ARCHITECTURE §Known traps).
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
