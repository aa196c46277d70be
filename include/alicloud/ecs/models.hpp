#ifndef ALICLOUD_ECS_MODELS_HPP
#define ALICLOUD_ECS_MODELS_HPP

// The models of the instance operations that most programs call (API version
// 2014-05-26). Every other operation has its own header,
// <alicloud/ecs/models/<operation>.hpp>, and <alicloud/ecs/all_models.hpp> has
// them all (slow to compile: prefer the ones a program calls).

#include <alicloud/ecs/instance_status.hpp>
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
