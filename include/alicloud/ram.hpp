#ifndef ALICLOUD_RAM_HPP
#define ALICLOUD_RAM_HPP

// The RAM client (API version 2015-05-01). Each operation's models have their
// own header, <alicloud/ram/models/<operation>.hpp>; <alicloud/ram/all_models.hpp>
// has them all.

#include <alicloud/ram/catalog.hpp>
#include <alicloud/ram/client.hpp>

#endif
