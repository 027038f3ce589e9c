return createApiGroup('Billing')
  .canonical('blog-billing')
  .description('Stripe subscriptions')
  .build();
