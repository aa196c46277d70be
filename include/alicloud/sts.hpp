#ifndef ALICLOUD_STS_HPP
#define ALICLOUD_STS_HPP

// The STS client (API version 2015-04-01) and its three operations' models.
// The credential providers that assume a role (ram_role_arn_credentials) call
// AssumeRole through it.

#include <alicloud/sts/catalog.hpp>
#include <alicloud/sts/client.hpp>
#include <alicloud/sts/models/assume_role.hpp>
#include <alicloud/sts/models/assume_role_with_oidc.hpp>
#include <alicloud/sts/models/assume_role_with_saml.hpp>

#endif
