export { orderHistory, orderAt, type OrderHistoryEntry, type OrderAtTarget } from './order-history';
