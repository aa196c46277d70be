#ifndef ALICLOUD_SAMPLES_CLI_PRINT_JSON_HPP
#define ALICLOUD_SAMPLES_CLI_PRINT_JSON_HPP

#include <boost/json/value.hpp>

#include <ostream>

namespace alicloud::cli {

// Indented JSON, two spaces a level, as the official CLI prints answers.
void print_json(std::ostream& out, const boost::json::value& v, int indent = 0);

} // namespace alicloud::cli

#endif
