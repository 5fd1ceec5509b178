package svc

import (
	"context"

	"douyin/api/internal/types"
	"douyin/pkg/timeunit"
	"douyin/rpc/social/social"
)

// Comments turns the social service's comments into the contract's, with every
// commenter fetched in one call.
func (s *ServiceContext) Comments(ctx context.Context, viewer int64, comments []*social.CommentInfo) ([]types.Comment, error) {
	// A few people write most comments: ask for each commenter once.
	userIDs := make([]int64, 0, len(comments))
	seen := make(map[int64]bool, len(comments))
	for _, c := range comments {
		if !seen[c.UserId] {
			seen[c.UserId] = true
			userIDs = append(userIDs, c.UserId)
		}
	}
	users, err := s.Users(ctx, viewer, userIDs)
	if err != nil {
		return nil, err
	}
	list := make([]types.Comment, 0, len(comments))
	for _, c := range comments {
		list = append(list, types.Comment{
			Id:         c.Id,
			User:       users[c.UserId],
			Content:    c.Content,
			CreateDate: timeunit.Date(c.CreatedAt),
		})
	}
	return list, nil
}
