#ifndef ALICLOUD_ECS_HPP
#define ALICLOUD_ECS_HPP

// The ECS client and its models (API version 2014-05-26).

#include <alicloud/ecs/catalog.hpp>
#include <alicloud/ecs/client.hpp>
#include <alicloud/ecs/models.hpp>

#endif
