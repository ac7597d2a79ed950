#pragma once
// The values a template sees (documented in templates/README.md), built from a Config.

#include <kainjow/mustache.hpp>

#include "lib/config/config.h"

namespace tfsk::render {

/// Every template value for `config`: strings for `{{x}}`, decimal integers as strings for
/// `{{{x}}}`, booleans and lists for sections.
kainjow::mustache::data TemplateValues(const config::Config& config);

}  // namespace tfsk::render
