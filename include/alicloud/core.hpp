#ifndef ALICLOUD_CORE_HPP
#define ALICLOUD_CORE_HPP

// The sans-io core of alicloud-asio: no sockets, no threads, no clocks of its own.

#include <alicloud/core/api_catalog.hpp>
#include <alicloud/core/credentials.hpp>
#include <alicloud/core/diagnostics.hpp>
#include <alicloud/core/endpoint.hpp>
#include <alicloud/core/error.hpp>
#include <alicloud/core/parameters.hpp>
#include <alicloud/core/rpc_request.hpp>
#include <alicloud/core/sansio/percent_encoding.hpp>
#include <alicloud/core/sansio/request_encoder.hpp>
#include <alicloud/core/sansio/request_stamp.hpp>
#include <alicloud/core/sansio/response_decoder.hpp>
#include <alicloud/core/sansio/signer_v1.hpp>
#include <alicloud/core/sansio/signer_v3.hpp>
#include <alicloud/core/sansio/utf8.hpp>

#endif
