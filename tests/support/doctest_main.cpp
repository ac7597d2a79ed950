// The one main() of every doctest binary.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
  // CTest runs every case by name, and doctest's CMake discovery splits the list of names at
  // ';': a case named "a; b" becomes two CTest entries that each select nothing and "pass".
  // Refuse such names here, so discovery (and with it the build) fails, naming the case.
  bool bad = false;
  for (const doctest::detail::TestCase& tc : doctest::detail::getRegisteredTests()) {
    if (std::strchr(tc.m_name, ';') != nullptr) {
      std::cerr << tc.m_file.c_str() << ":" << tc.m_line << ": test case name contains ';', "
                << "which CTest cannot select (use ',' or ':'): " << tc.m_name << "\n";
      bad = true;
    }
  }
  if (bad) return 2;
  return doctest::Context(argc, argv).run();
}
