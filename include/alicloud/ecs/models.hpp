#ifndef ALICLOUD_ECS_MODELS_HPP
#define ALICLOUD_ECS_MODELS_HPP

// The typed requests and responses of the ECS operations (API version 2014-05-26).

#include <alicloud/ecs/models/common.hpp>
#include <alicloud/ecs/models/create_instance.hpp>
#include <alicloud/ecs/models/delete_instance.hpp>
#include <alicloud/ecs/models/delete_instances.hpp>
#include <alicloud/ecs/models/describe_instance_attribute.hpp>
#include <alicloud/ecs/models/describe_instance_status.hpp>
#include <alicloud/ecs/models/describe_instances.hpp>
#include <alicloud/ecs/models/describe_regions.hpp>
#include <alicloud/ecs/models/describe_zones.hpp>
#include <alicloud/ecs/models/reboot_instance.hpp>
#include <alicloud/ecs/models/run_instances.hpp>
#include <alicloud/ecs/models/start_instance.hpp>
#include <alicloud/ecs/models/stop_instance.hpp>

#endif
