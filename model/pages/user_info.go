package pages

import "douyin/pkg/userpb"

// Info is the user as every service answers it: the one mapping of a UserView
// to the shared UserInfo message.
func (v *UserView) Info() *userpb.UserInfo {
	return &userpb.UserInfo{
		Id:                 v.Id,
		Name:               v.Username,
		FollowCount:        v.FollowCount,
		FollowerCount:      v.FollowerCount,
		IsFollow:           v.IsFollow,
		AvatarKey:          v.Avatar,
		BackgroundImageKey: v.BackgroundImage,
		Signature:          v.Signature,
		TotalFavorited:     v.TotalFavorited,
		WorkCount:          v.WorkCount,
		FavoriteCount:      v.FavoriteCount,
	}
}

// UserInfos is Info of each of views, in their order.
func UserInfos(views []*UserView) []*userpb.UserInfo {
	infos := make([]*userpb.UserInfo, len(views))
	for i, v := range views {
		infos[i] = v.Info()
	}
	return infos
}
