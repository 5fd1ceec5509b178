package relation

import (
	"context"

	"google.golang.org/grpc"

	"douyin/api/internal/logic/convert"
	"douyin/api/internal/types"
	"douyin/pkg/mediastore"
	"douyin/pkg/param"
	"douyin/pkg/token"
	"douyin/rpc/social/social"
)

// userList answers a follow or follower list: the user of the user_id parameter
// (or the viewer), the users as the viewer sees them, in one call of list.
func userList(ctx context.Context, rawUserID string,
	list func(context.Context, *social.UserReq, ...grpc.CallOption) (*social.UserListResp, error)) (*types.UserListResp, error) {
	viewer := token.UserID(ctx)
	userID, err := param.UserOrViewer(rawUserID, viewer)
	if err != nil {
		return nil, err
	}
	out, err := list(ctx, &social.UserReq{UserId: userID, ViewerId: viewer})
	if err != nil {
		return nil, err
	}
	return &types.UserListResp{UserList: convert.Users(mediastore.LinksFor(ctx), out.Users)}, nil
}
