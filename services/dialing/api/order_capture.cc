#include "services/dialing/api/order_capture.h"

#include "absl/strings/str_cat.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace cv1 = telemarketing::campaigns::v1;

namespace {

const cv1::CampaignProduct* FindProduct(const cv1::Campaign& campaign, const std::string& sku) {
  for (const cv1::CampaignProduct& p : campaign.products()) {
    if (p.sku() == sku) return &p;
  }
  return nullptr;
}

}  // namespace

v1::Order CaptureOrder(const v1::OrderCapture& capture, const cv1::Campaign& campaign,
                       std::string_view field, Violations& v) {
  const std::string base(field);
  v1::Order order;
  if (capture.items().empty()) v.Add(base + ".items", "at least one product (R13)");
  int64_t total_nanos = 0;
  std::string currency;
  for (int i = 0; i < capture.items_size(); ++i) {
    const v1::OrderItem& in = capture.items(i);
    const std::string at = absl::StrCat(base, ".items[", i, "]");
    const cv1::CampaignProduct* product = FindProduct(campaign, in.sku());
    if (product == nullptr) {
      v.Add(at + ".sku", absl::StrCat("'", in.sku(), "' is not a product of the campaign"));
      continue;
    }
    if (in.quantity() <= 0 ||
        (product->max_quantity() > 0 && in.quantity() > product->max_quantity())) {
      v.Add(at + ".quantity",
            product->max_quantity() > 0
                ? absl::StrCat("must be between 1 and ", product->max_quantity())
                : std::string("must be at least 1"));
      continue;
    }
    v1::OrderItem* item = order.add_items();
    item->set_sku(in.sku());
    item->set_display_name(product->display_name());
    item->set_quantity(in.quantity());
    *item->mutable_unit_price() = product->unit_price();
    currency = product->unit_price().currency_code();
    const int64_t unit_nanos =
        product->unit_price().units() * 1'000'000'000 + product->unit_price().nanos();
    total_nanos += unit_nanos * in.quantity();
  }
  const v1::DeliveryDetails& d = capture.delivery();
  if (d.recipient_name().empty()) v.Add(base + ".delivery.recipient_name", "required");
  if (!capture.delivery().has_address()) v.Add(base + ".delivery.address", "required");
  if (!capture.customer_confirmed()) {
    v.Add(base + ".customer_confirmed", "the order must be read back and confirmed (R13)");
  }
  order.mutable_total()->set_currency_code(currency);
  order.mutable_total()->set_units(total_nanos / 1'000'000'000);
  order.mutable_total()->set_nanos(static_cast<int32_t>(total_nanos % 1'000'000'000));
  *order.mutable_delivery() = d;
  order.set_payment_method(capture.payment_method());
  order.set_notes(capture.notes());
  return order;
}

}  // namespace tmk::dialing
