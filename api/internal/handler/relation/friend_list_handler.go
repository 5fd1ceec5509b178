// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/relation"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func FriendListHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.RelationListReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.FriendListResp)(nil), response.InvalidRequest(err))
			return
		}

		l := relation.NewFriendListLogic(r.Context(), svcCtx)
		resp, err := l.FriendList(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
