export { AddressDto } from './address.dto';
export { DiscountDto, DiscountsDto, FeeDto, FeesDto, TaxDto, TaxesDto } from './adjustments.dto';
export { ArticleDto, ReturnDetailsDto } from './article.dto';
export { ChangeDeliveryDto } from './change-delivery.dto';
export { ChangeStatusDto } from './change-status.dto';
export { toDeliveryChange, toStatusChange, type StatusChange } from './change.mappers';
export { ContactDto } from './contact.dto';
export { DeliveryDto } from './delivery.dto';
export { GetOrderQueryDto } from './get-order-query.dto';
export { LineItemDto, LineItemsDto } from './line-item.dto';
export { ListOrdersQueryDto } from './list-orders-query.dto';
export { OrderActionDto } from './order-action.dto';
export {
  commandOrderInput,
  toAddress,
  toArticle,
  toContact,
  toDelivery,
  toDiscount,
  toFee,
  toLineItem,
  toOrderAction,
  toOrderChange,
  toOrderInput,
  toPayment,
  toReturnDetails,
  toTax,
} from './order-input.mapper';
export * from './order-limits';
export { OrderDto, RegisterOrderDto, ReplaceOrderDto } from './order.dto';
export { IsCountryCode, IsCurrencyCode, OnlyOnReturnLines } from './order-rules';
export { PaymentDto, PaymentsDto } from './payment.dto';
