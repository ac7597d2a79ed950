// fmt's compiled part, for the fully static tfsk-serving-static only.
//
// Debian ships fmt as a shared library (libfmt.so) and headers, without a static archive, so a
// -static link has no home for fmt's non-inline functions. fmt's own format-inl.h holds their
// definitions; compiling it once here provides them. The two explicit instantiations are the
// locale helpers that the rest of fmt only declares (found by linking: nothing else was missing).
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
