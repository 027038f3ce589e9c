// Every night at 03:00 UTC: delete unpublished posts older than 30 days.
return createTask('cleanup_unpublished_posts')
  .description('Delete unpublished posts older than 30 days')
  .var('cutoff', now|transform_timestamp:"-30 days")
  .dbQuery('post', {where: '$db.post.published == false && $db.post.created_at < $cutoff'}, 'old_posts')
  .forEach('$old_posts', 'p', b => b.dbDelete('post', {id: '$p.id'}))
  .var('deleted', $old_posts|count)
  .log(`deleted ${$deleted} posts`)
  .schedule('2026-01-01T03:00:00Z', 'daily')
  .build();
